package com.patientcobridge.deadletter;

import com.patientcobridge.schedule.JobRuns;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The dead-letter store, its route, and the route configuration the flows opt into. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfig {

    @Bean
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        return new DeadLetterStore(jdbc, tx);
    }

    /** The dead letters pages write in their own transaction. */
    @Bean
    PageDeadLetters pageDeadLetters(JdbcTemplate jdbc, DeadLetterStore store) {
        return new PageDeadLetters(jdbc, store);
    }

    @Bean
    DeadLetterRoutes deadLetterRoutes(DeadLetterStore store, ObjectProvider<JobRuns> runs) {
        return new DeadLetterRoutes(store, runs);
    }

    /** Outbox dead letters are released through the delivery side's replay when it is wired, else not at all. */
    @Bean
    DeadLetterService deadLetterService(JdbcTemplate jdbc, org.apache.camel.ProducerTemplate camel,
            ObjectProvider<OutboxReplayHook> hooks) {
        return new DeadLetterService(jdbc, camel, hooks.getIfAvailable(() -> OutboxReplayHook.NONE));
    }

    @Bean
    BridgeErrors bridgeErrors(@Value("${bridge.deadletter.redeliveries:5}") int redeliveries,
            @Value("${bridge.deadletter.initial-delay-ms:500}") long initial,
            @Value("${bridge.deadletter.backoff-multiplier:2}") double multiplier,
            @Value("${bridge.deadletter.max-delay-ms:30000}") long max) {
        return new BridgeErrors(new BridgeErrors.Backoff(redeliveries, initial, multiplier, max));
    }
}
