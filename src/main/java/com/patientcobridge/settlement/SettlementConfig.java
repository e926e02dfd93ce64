package com.patientcobridge.settlement;

import com.patientcobridge.deadletter.DeadLetterService;
import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.pages.PageProcessor;
import com.patientcobridge.posting.DepositPostings;
import com.patientcobridge.remittance.Remittances;
import com.patientcobridge.staging.StagingRoutes;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The settlement flow, reconciliation and its export. */
@Configuration(proxyBeanMethods = false)
class SettlementConfig {

    @Bean
    StagingRoutes settlementRoutes(DataSource dataSource, ProducerTemplate camel, PageDeadLetters deadLetters,
            PlatformTransactionManager tx, @Value("${bridge.settlement.report-merchants:}") Set<String> reportMerchants,
            DepositPostings deposits, Remittances remittances, DeadLetterService deadLetterService) {
        PageProcessor<?> flow = new PageProcessor<>(new SettlementFlow(new SettlementStager(camel), new ItemCopy(dataSource),
                new ItemSource(camel, reportMerchants), deposits, remittances, camel), deadLetters, tx);
        flow.onRecovered(deadLetterService::recovered);
        return new StagingRoutes(Map.of(SettlementFlow.FLOW, flow));
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
