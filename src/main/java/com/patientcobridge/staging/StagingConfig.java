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
    SettlementRoutes settlementRoutes(JdbcTemplate jdbc, ObjectProvider<JobRuns> runs) {
        return new SettlementRoutes(new SettlementStager(jdbc), runs);
    }
}
