package com.patientcobridge.patientco;

import com.patientcobridge.patientco.client.RetryPolicy;
import com.patientcobridge.patientco.session.FileMfaCodeSource;
import com.patientcobridge.patientco.session.HttpMfaCodeSource;
import com.patientcobridge.patientco.session.MfaCodeSource;
import com.patientcobridge.patientco.session.PatientcoCredentials;
import com.patientcobridge.sandbox.SandboxServer;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the {@code patientco:} component to the configured Patientco server, or to the
 * in-process sandbox (and its test credentials) when no {@code patientco.base-url} is set.
 */
@Configuration(proxyBeanMethods = false)
class PatientcoConfig {

    @Bean
    PatientcoConnection patientcoConnection(ObjectProvider<SandboxServer> sandbox,
            @Value("${patientco.base-url:}") String baseUrl,
            @Value("${patientco.auth:password}") String auth,
            @Value("${patientco.username:}") String username,
            @Value("${patientco.password:}") String password,
            @Value("${patientco.totp-secret:}") String totpSecret,
            @Value("${patientco.mfa-method:totp}") String mfaMethod,
            @Value("${patientco.client-id:}") String clientId,
            @Value("${patientco.client-secret:}") String clientSecret,
            @Value("${patientco.mfa-code-file:data/mfa-code.txt}") String codeFile,
            @Value("${patientco.retry.max-attempts:6}") int maxAttempts) {
        RetryPolicy retry = new RetryPolicy(maxAttempts, java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(10));
        SandboxServer server = sandbox.getIfAvailable();
        if (baseUrl.isBlank() && server != null) {
            var s = server.settings();
            PatientcoCredentials creds = new PatientcoCredentials(auth, s.username(), s.password(), s.totpSecret(),
                    mfaMethod, s.clientId(), s.clientSecret());
            return new PatientcoConnection(server.baseUrl(), creds, new HttpMfaCodeSource(server.baseUrl(), s.username()),
                    retry);
        }
        PatientcoCredentials creds = new PatientcoCredentials(auth, username, password, totpSecret, mfaMethod, clientId,
                clientSecret);
        MfaCodeSource codes = new FileMfaCodeSource(Path.of(codeFile));
        return new PatientcoConnection(baseUrl, creds, codes, retry);
    }

    @Bean
    Watermarks watermarks(JdbcTemplate jdbc) {
        return new Watermarks(jdbc);
    }

    /** Registered by name so every {@code patientco:} endpoint shares the one connection. */
    @Bean("patientco")
    PatientcoComponent patientcoComponent(PatientcoConnection connection, Watermarks watermarks) {
        PatientcoComponent component = new PatientcoComponent();
        component.setConnection(connection);
        component.setWatermarks(watermarks);
        return component;
    }

    /** DOWN once Patientco refused the credentials: the bridge will not retry them in a loop. */
    @Bean
    HealthIndicator patientcoSession(PatientcoConnection connection) {
        return () -> {
            var refusal = connection.session().refusal();
            return refusal == null ? Health.up().withDetail("server", connection.baseUrl()).build()
                    : Health.down().withDetail("reason", refusal.code()).build();
        };
    }
}
