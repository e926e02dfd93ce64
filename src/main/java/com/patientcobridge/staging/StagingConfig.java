package com.patientcobridge.staging;

import com.patientcobridge.schedule.JobRuns;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Staging routes, the settlement flow and reconciliation. */
@Configuration(proxyBeanMethods = false)
class StagingConfig {

    @Bean
    StagingRoutes stagingRoutes(ObjectProvider<JobRuns> runs) {
        return new StagingRoutes(runs);
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

    @Bean
    SettlementRoutes settlementRoutes(JdbcTemplate jdbc, javax.sql.DataSource dataSource, ObjectProvider<JobRuns> runs,
            org.apache.camel.ProducerTemplate camel,
            @org.springframework.beans.factory.annotation.Value("${bridge.settlement.report-merchants:}")
            java.util.Set<String> reportMerchants, com.patientcobridge.posting.DepositPostings deposits) {
        return new SettlementRoutes(new SettlementStager(camel), new ItemCopy(dataSource),
                new ItemSource(camel, reportMerchants), runs, deposits);
    }
}
