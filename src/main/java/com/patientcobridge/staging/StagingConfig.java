package com.patientcobridge.staging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Staging routes, the settlement flow and reconciliation. */
@Configuration(proxyBeanMethods = false)
class StagingConfig {

    @Bean
    StagingRoutes stagingRoutes(JdbcTemplate jdbc, javax.sql.DataSource dataSource,
            org.apache.camel.ProducerTemplate camel, com.patientcobridge.deadletter.PageDeadLetters deadLetters,
            org.springframework.transaction.PlatformTransactionManager tx,
            @org.springframework.beans.factory.annotation.Value("${bridge.settlement.report-merchants:}")
            java.util.Set<String> reportMerchants, com.patientcobridge.posting.DepositPostings deposits,
            com.patientcobridge.deadletter.DeadLetterService deadLetterService) {
        java.util.Map<String, com.patientcobridge.pages.PageProcessor<?>> flows = new java.util.LinkedHashMap<>();
        flows.put("statement-records", new com.patientcobridge.pages.PageProcessor<>(
                new StagingFlow<>("statement-records", StagedRecords.STATEMENTS, jdbc), deadLetters, tx));
        flows.put("payment-plan-records", new com.patientcobridge.pages.PageProcessor<>(
                new StagingFlow<>("payment-plan-records", StagedRecords.PLANS, jdbc), deadLetters, tx));
        flows.put("communication-records", new com.patientcobridge.pages.PageProcessor<>(
                new StagingFlow<>("communication-records", StagedRecords.COMMUNICATIONS, jdbc), deadLetters, tx));
        flows.put(SettlementFlow.FLOW, new com.patientcobridge.pages.PageProcessor<>(new SettlementFlow(
                new SettlementStager(camel), new ItemCopy(dataSource), new ItemSource(camel, reportMerchants), deposits,
                camel), deadLetters, tx));
        flows.values().forEach(f -> f.onRecovered(deadLetterService::recovered));
        return new StagingRoutes(flows);
    }

    @Bean
    Reconciliation reconciliation(JdbcTemplate jdbc,
            @org.springframework.beans.factory.annotation.Value("${bridge.settlement.zone:America/New_York}") String zone,
            @org.springframework.beans.factory.annotation.Value("${bridge.settlement.cutoff:21:00}") String cutoff,
            @org.springframework.beans.factory.annotation.Value("${bridge.reconcile.unsettled-after-days:3}") int days,
            @org.springframework.beans.factory.annotation.Value("${bridge.settlement.extra-holidays:}")
            java.util.List<String> extraHolidays) {
        java.util.Set<java.time.LocalDate> closed = new java.util.HashSet<>();
        extraHolidays.stream().filter(d -> !d.isBlank()).forEach(d -> closed.add(java.time.LocalDate.parse(d.strip())));
        return new Reconciliation(jdbc, new com.patientcobridge.system.BusinessDays(java.time.ZoneId.of(zone),
                java.time.LocalTime.parse(cutoff), closed), days);
    }

    @Bean
    ReconciliationExport reconciliationExport(Reconciliation reconciliation,
            @org.springframework.beans.factory.annotation.Value("${bridge.reconcile.export-dir:out/reconciliation}")
            String folder) {
        return new ReconciliationExport(reconciliation, folder);
    }
}
