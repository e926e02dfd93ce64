package com.patientcobridge.patientco;

import com.patientcobridge.patientco.client.PatientcoConnection;
import com.patientcobridge.patientco.client.PatientcoHealth;
import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.RetryPolicy;
import com.patientcobridge.patientco.session.CommandMfaCodeSource;
import com.patientcobridge.patientco.session.FileMfaCodeSource;
import com.patientcobridge.patientco.session.JdbcTotpSteps;
import com.patientcobridge.patientco.session.MfaCodeSource;
import com.patientcobridge.patientco.session.TotpSteps;
import com.patientcobridge.patientco.webhook.EventIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the {@code patientco:} component from the {@code patientco.*} properties, or to the
 * in-process sandbox (its URL and first user) when no {@code patientco.base-url} is set.
 */
@Configuration(proxyBeanMethods = false)
class PatientcoConfig {

    /**
     * The component's default options: endpoints copy them and may override any on their URI. With no
     * {@code patientco.base-url}, a stand-in running beside the bridge (the sandbox) sets them.
     */
    @Bean
    PatientcoConfiguration patientcoConfiguration(Environment env, ObjectProvider<PatientcoStandIn> standIn,
            @Value("${patientco.webhook.secret:}") String webhookSecret,
            @Value("${patientco.webhook.path:/patientco/webhooks}") String webhookPath) {
        PatientcoConfiguration c = new PatientcoConfiguration();
        Binder.get(env).bind("patientco", org.springframework.boot.context.properties.bind.Bindable.ofInstance(c));
        c.setWebhookSecret(webhookSecret.isBlank() ? null : webhookSecret);
        c.setWebhookPath(webhookPath);
        PatientcoStandIn local = standIn.getIfAvailable();
        if ((c.getBaseUrl() == null || c.getBaseUrl().isBlank()) && local != null) {
            local.configure(c);
        }
        return c;
    }

    @Bean
    PatientcoHttp patientcoHttp(org.apache.camel.CamelContext camel, @Value("${patientco.retry.max-attempts:6}") int maxAttempts,
            @Value("${patientco.retry.initial-delay:PT0.2S}") Duration initial,
            @Value("${patientco.retry.max-delay:PT10S}") Duration max) {
        return new PatientcoHttp(camel, new RetryPolicy(maxAttempts, initial, max));
    }

    @Bean
    MfaCodeSource mfaCodeSource(ObjectProvider<PatientcoStandIn> standIn,
            @Value("${patientco.base-url:}") String baseUrl,
            @Value("${patientco.mfa-code-file:data/mfa-code.txt}") String codeFile,
            @Value("${patientco.mfa-code-command:}") String command) {
        PatientcoStandIn local = standIn.getIfAvailable();
        if (baseUrl.isBlank() && local != null) {
            return local.mfaCodes();
        }
        if (!command.isBlank()) {
            return new CommandMfaCodeSource(Arrays.asList(command.trim().split("\\s+")));
        }
        return new FileMfaCodeSource(Path.of(codeFile));
    }

    /** The session every endpoint with the default login shares (other beans read single records through it). */
    @Bean
    PatientcoConnection patientcoConnection(PatientcoConfiguration config, MfaCodeSource codes, PatientcoHttp http,
            TotpSteps totpSteps) {
        return new PatientcoConnection(config.getBaseUrl(), config.credentials(), codes, http, totpSteps);
    }

    /** TOTP steps used, shared through the database by every node and process of the bridge. */
    @Bean
    TotpSteps totpSteps(JdbcTemplate jdbc) {
        return new JdbcTotpSteps(jdbc);
    }

    @Bean
    Watermarks watermarks(JdbcTemplate jdbc) {
        return new Watermarks(jdbc);
    }

    @Bean
    PatientcoHealth patientcoHealth() {
        return new PatientcoHealth();
    }

    /** Registered by name so every {@code patientco:} endpoint shares the one connection. */
    @Bean("patientco")
    PatientcoComponent patientcoComponent(PatientcoConfiguration config, PatientcoConnection connection,
            PatientcoHttp http, MfaCodeSource codes, Watermarks watermarks, PatientcoHealth health,
            DataSource dataSource, TotpSteps totpSteps) {
        PatientcoComponent component = new PatientcoComponent();
        component.setTotpSteps(totpSteps);
        component.setConfiguration(config);
        component.setHttp(http);
        component.setMfaCodeSource(codes);
        component.setWatermarks(watermarks);
        component.setHealth(health);
        component.setWebhookEventRepository(EventIds.repository(dataSource, "patientco-webhooks"));
        component.register(config, connection);
        return component;
    }

    @Bean
    PatientcoHealthIndicator patientcoHealthIndicator(PatientcoConnection connection, PatientcoHealth health) {
        return new PatientcoHealthIndicator(connection, health);
    }
}
