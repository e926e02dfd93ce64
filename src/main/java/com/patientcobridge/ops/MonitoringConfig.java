package com.patientcobridge.ops;

import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.schedule.JobRuns;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Prometheus meters (the bridge's and Camel's per route) and alerts on new dead letters and failed runs. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfig {

    @Bean
    BridgeMeters bridgeMeters(JdbcTemplate jdbc, JobRuns runs) {
        return new BridgeMeters(jdbc, runs, Clock.systemUTC());
    }

    /** Exchanges, failures and durations of every route (flow), tagged with its route id. */
    @Bean
    MicrometerRoutePolicyFactory micrometerRoutePolicyFactory(MeterRegistry registry) {
        MicrometerRoutePolicyFactory factory = new MicrometerRoutePolicyFactory();
        factory.setMeterRegistry(registry);
        return factory;
    }

    @Bean(destroyMethod = "close")
    Alerts alerts(org.apache.camel.ProducerTemplate camel, DeadLetterStore deadLetters, JobRuns runs,
            @Value("${bridge.alerts.webhook-url:}") String webhookUrl,
            @Value("${bridge.alerts.window:PT15M}") Duration window,
            @Value("${bridge.node:local}") String node) {
        Alerts alerts = new Alerts(camel, webhookUrl, window, node, Clock.systemUTC());
        deadLetters.onNew(e -> alerts.raise("dead-letter", "new dead letter in " + e.flow()
                + (e.patientcoId() == null ? "" : " for " + e.patientcoId())));
        runs.onFinish(f -> {
            if (f.outcome().equals("failed")) {
                alerts.raise("run-failed", "job " + f.job() + " failed on " + f.node() + " after "
                        + f.took().toSeconds() + " s");
            }
        });
        return alerts;
    }
}
