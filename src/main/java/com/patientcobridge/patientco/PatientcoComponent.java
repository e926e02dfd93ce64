package com.patientcobridge.patientco;

import com.patientcobridge.patientco.client.PatientcoConnection;
import com.patientcobridge.patientco.client.PatientcoHealth;
import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.RetryPolicy;
import com.patientcobridge.patientco.session.MfaCodeSource;
import com.patientcobridge.patientco.session.TotpSteps;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * The {@code patientco:} component: {@code patientco:payments} and its siblings read a resource
 * incrementally (consumer) or read one record, write, or download (producer);
 * {@code patientco:webhooks} receives deliveries; {@code patientco:settlement-report} reads the portal.
 */
@Component("patientco")
public class PatientcoComponent extends DefaultComponent {

    @Metadata(description = "Default options, copied into each endpoint")
    private PatientcoConfiguration configuration = new PatientcoConfiguration();

    @Metadata(autowired = true, label = "advanced", description = "The HTTP client (retries, rate limit); bind "
            + "another to test")
    private PatientcoHttp http;

    @Metadata(autowired = true, label = "advanced", description = "Where SMS and e-mail MFA codes come from")
    private MfaCodeSource mfaCodeSource;

    @Metadata(autowired = true, label = "advanced", description = "Where watermarks and processed record versions "
            + "are kept")
    private Watermarks watermarks;

    @Metadata(autowired = true, label = "advanced", description = "Health of the adapter (refused logins, "
            + "changed portal)")
    private PatientcoHealth health;

    @Metadata(autowired = true, label = "advanced", description = "The TOTP steps already used, shared by every "
            + "node (default: this process only)")
    private TotpSteps totpSteps;

    @Metadata(label = "advanced", description = "Webhook event ids already taken (default: JDBC on "
            + "bridge.camel_messageprocessed when a DataSource is bound)")
    private IdempotentRepository webhookEventRepository;

    /** One connection (and so one session) per server and login, shared by every endpoint and thread. */
    private final Map<String, PatientcoConnection> connections = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PatientcoConfiguration config = configuration.copy();
        PatientcoEndpoint endpoint = new PatientcoEndpoint(uri, this, remaining, config);
        // The options live in the configuration (copied from the component's); the rest (delay,
        // scheduler.*, ...) belong to the endpoint itself.
        PropertyBindingSupport.build().withRemoveParameters(true).withIgnoreCase(true)
                .bind(getCamelContext(), config, parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The shared connection for this configuration's server and login. */
    public PatientcoConnection connection(PatientcoConfiguration config) {
        if (config.getBaseUrl() == null || config.getBaseUrl().isBlank()) {
            throw new IllegalStateException("patientco: no baseUrl configured (patientco.base-url)");
        }
        return connections.computeIfAbsent(key(config), k -> new PatientcoConnection(config.getBaseUrl(),
                config.credentials(), mfaCodeSource, getHttp(), totpSteps == null ? TotpSteps.IN_PROCESS : totpSteps));
    }

    /** Makes an existing connection (a Spring bean) the one used for its server and login. */
    public void register(PatientcoConfiguration config, PatientcoConnection connection) {
        connections.put(key(config), connection);
    }

    private static String key(PatientcoConfiguration c) {
        return c.getBaseUrl() + "|" + c.getAuth() + "|" + c.getUsername() + "|" + c.getClientId();
    }

    public PatientcoConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PatientcoConfiguration configuration) {
        this.configuration = configuration;
    }

    public synchronized PatientcoHttp getHttp() {
        if (http == null) {
            http = new PatientcoHttp(getCamelContext(), RetryPolicy.defaults());
        }
        return http;
    }

    public void setHttp(PatientcoHttp http) {
        this.http = http;
    }

    public TotpSteps getTotpSteps() {
        return totpSteps;
    }

    public void setTotpSteps(TotpSteps totpSteps) {
        this.totpSteps = totpSteps;
    }

    public MfaCodeSource getMfaCodeSource() {
        return mfaCodeSource;
    }

    public void setMfaCodeSource(MfaCodeSource mfaCodeSource) {
        this.mfaCodeSource = mfaCodeSource;
    }

    public Watermarks getWatermarks() {
        return watermarks;
    }

    public void setWatermarks(Watermarks watermarks) {
        this.watermarks = watermarks;
    }

    public IdempotentRepository getWebhookEventRepository() {
        return webhookEventRepository;
    }

    public void setWebhookEventRepository(IdempotentRepository webhookEventRepository) {
        this.webhookEventRepository = webhookEventRepository;
    }

    public synchronized PatientcoHealth getHealth() {
        if (health == null) {
            health = new PatientcoHealth();
        }
        return health;
    }

    public void setHealth(PatientcoHealth health) {
        this.health = health;
    }
}
