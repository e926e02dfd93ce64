package com.patientcobridge.sandbox;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the sandbox: in-process when no {@code patientco.base-url} is configured (the bridge's
 * embedded default), or alone with {@code --bridge.role=sandbox} on {@code server.port}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${bridge.role:bridge}' == 'sandbox' || '${patientco.base-url:}'.isEmpty()")
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    SandboxServer sandboxServer(@Value("${bridge.role:bridge}") String role,
            @Value("${sandbox.seed:42}") long seed,
            @Value("${sandbox.guarantors:500}") int guarantors,
            @Value("${sandbox.payments-per-account:4}") int paymentsPerAccount,
            @Value("${sandbox.host:127.0.0.1}") String host,
            @Value("${sandbox.port:0}") int port,
            @Value("${server.port:8099}") int serverPort,
            @Value("${sandbox.advance-days-at-start:0}") int advanceDays,
            @Value("${sandbox.session-lifetime:PT30M}") Duration sessionLifetime,
            @Value("${sandbox.username:bridge-svc}") String username,
            @Value("${sandbox.password:sandbox-password}") String password,
            @Value("${sandbox.totp-secret:JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP}") String totpSecret,
            @Value("${sandbox.faults.share429:0}") double share429,
            @Value("${sandbox.faults.share5xx:0}") double share5xx,
            @Value("${sandbox.faults.latency-millis:0}") long latency,
            @Value("${sandbox.faults.malformed-share:0}") double malformed,
            @Value("${sandbox.faults.portal-layout:1}") int portalLayout,
            @Value("${sandbox.faults.webhook-duplicate-share:0}") double webhookDuplicates,
            @Value("${sandbox.faults.webhook-out-of-order:false}") boolean webhookOutOfOrder) {
        boolean alone = role.equals("sandbox");
        SandboxSettings settings = SandboxSettings.defaults().withSeed(seed).withGuarantors(guarantors)
                .withPaymentsPerAccount(paymentsPerAccount).withSessionLifetime(sessionLifetime)
                .withCredentials(username, password, totpSecret);
        settings.faults().share429(share429).share5xx(share5xx).latencyMillis(latency).malformedShare(malformed)
                .portalLayout(portalLayout).webhookDuplicateShare(webhookDuplicates).webhookOutOfOrder(webhookOutOfOrder);
        SandboxServer server = SandboxServer.start(settings, alone ? "0.0.0.0" : host, alone ? serverPort : port);
        if (advanceDays > 0) {
            server.clock().advanceDays(advanceDays);
        }
        LOG.info("Patientco sandbox at {} (seed {}, {} guarantors, clock {})", server.baseUrl(), seed, guarantors,
                server.clock().now());
        if (alone) {
            // Test credentials of a stand-alone sandbox, printed so a person or another client can log in.
            System.out.printf("Sandbox user: %s / %s, TOTP secret %s; OAuth client %s / %s%n", username, password,
                    totpSecret, settings.clientId(), settings.clientSecret());
        }
        return server;
    }

    /** The in-process sandbox as the bridge's Patientco (when no patientco.base-url is set). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${bridge.role:bridge}' != 'sandbox'")
    SandboxStandIn sandboxStandIn(SandboxServer server) {
        return new SandboxStandIn(server);
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
            "'${bridge.role:bridge}' != 'sandbox' && ${patientco.webhook.enabled:false}")
    SandboxWebhookSubscription sandboxWebhookSubscription(SandboxServer server,
            com.patientcobridge.patientco.PatientcoConfiguration bridge) {
        return new SandboxWebhookSubscription(server, bridge);
    }
}
