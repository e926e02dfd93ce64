package com.patientcobridge.schedule;

import com.patientcobridge.patientco.RunLocks;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Jobs, full cycles, and the start-up / once-mode runner. */
@Configuration(proxyBeanMethods = false)
class ScheduleConfig {

    /** {@code bridge.blackout}: EHR downtimes when nothing is sent (see {@link BlackoutWindows#parse}). */
    @Bean
    BlackoutWindows blackoutWindows(@Value("${bridge.blackout:}") java.util.List<String> windows) {
        return new BlackoutWindows(windows.stream().filter(w -> !w.isBlank()).map(BlackoutWindows::parse).toList());
    }

    /** The component's runs take these cluster-wide locks (found in the registry by type). */
    @Bean
    RunLocks jobLocks(DataSource dataSource) {
        return JobLock.locks(dataSource);
    }

    @Bean
    Jobs jobs(CamelContext camel) {
        return new Jobs(camel);
    }

    @Bean
    CycleRunner cycleRunner(Jobs jobs, JobRuns runs, JdbcTemplate jdbc) {
        return new CycleRunner(jobs, runs, jdbc);
    }

    @Bean
    OnceMode onceMode(CycleRunner cycle, ConfigurableApplicationContext context,
            @Value("${bridge.once:false}") boolean once, @Value("${bridge.startup-run:true}") boolean startupRun,
            @Value("${bridge.drain-timeout:PT10M}") Duration drainTimeout) {
        return new OnceMode(cycle, context, once, startupRun, drainTimeout);
    }
}
