package com.patientcobridge.staging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The staging flows of statements, payment plans and communications. */
@Configuration(proxyBeanMethods = false)
class StagingConfig {

    @Bean
    StagingRoutes stagingRoutes(JdbcTemplate jdbc, com.patientcobridge.deadletter.PageDeadLetters deadLetters,
            org.springframework.transaction.PlatformTransactionManager tx,
            com.patientcobridge.deadletter.DeadLetterService deadLetterService,
            com.patientcobridge.statements.StatementWrites statements) {
        java.util.Map<String, com.patientcobridge.pages.PageProcessor<?>> flows = new java.util.LinkedHashMap<>();
        flows.put("statement-records", new com.patientcobridge.pages.PageProcessor<>(
                new StagingFlow<>("statement-records", StagedRecords.STATEMENTS, jdbc, statements::write), deadLetters, tx));
        flows.put("payment-plan-records", new com.patientcobridge.pages.PageProcessor<>(
                new StagingFlow<>("payment-plan-records", StagedRecords.PLANS, jdbc), deadLetters, tx));
        flows.put("communication-records", new com.patientcobridge.pages.PageProcessor<>(
                new StagingFlow<>("communication-records", StagedRecords.COMMUNICATIONS, jdbc), deadLetters, tx));
        flows.values().forEach(f -> f.onRecovered(deadLetterService::recovered));
        return new StagingRoutes(flows);
    }
}
