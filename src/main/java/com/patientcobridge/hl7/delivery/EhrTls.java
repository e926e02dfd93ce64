package com.patientcobridge.hl7.delivery;

import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * TLS for MLLP, both ways: the bridge shows its certificate to the EHR and trusts only the EHR's
 * (or its CA's); the bridge's inbound ADT listener asks the EHR for a client certificate. Key and
 * trust stores are PKCS12 files; their passwords are secrets (environment or files).
 */
public record EhrTls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {

    /** The registry name the MLLP endpoints refer to. */
    public static final String BEAN = "ehrTls";

    /** What an MLLP URI adds to use these settings. */
    public static String uriOption() {
        return "&sslContextParameters=#" + BEAN;
    }

    public SSLContextParameters parameters() {
        SSLContextParameters p = new SSLContextParameters();
        p.setSecureSocketProtocol("TLSv1.3");
        if (keyStore != null && !keyStore.isBlank()) {
            KeyManagersParameters keys = new KeyManagersParameters();
            keys.setKeyStore(store(keyStore, keyStorePassword));
            keys.setKeyPassword(keyStorePassword);
            p.setKeyManagers(keys);
        }
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store(trustStore, trustStorePassword));
        p.setTrustManagers(trust);
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(ClientAuthentication.REQUIRE.name());
        p.setServerParameters(server);
        return p;
    }

    private static KeyStoreParameters store(String path, String password) {
        KeyStoreParameters k = new KeyStoreParameters();
        k.setResource("file:" + path);
        k.setPassword(password);
        k.setType("PKCS12");
        return k;
    }
}
