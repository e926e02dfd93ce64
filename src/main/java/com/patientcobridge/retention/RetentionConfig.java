package com.patientcobridge.retention;

import com.patientcobridge.schedule.JobRuns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Retention: its policy, the job, and its schedule ({@code bridge.schedule.retention}, nightly) on one node of the cluster. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionPolicy.class)
class RetentionConfig {

    @Bean
    Retention retention(JdbcTemplate jdbc, PlatformTransactionManager tx, JobRuns runs, RetentionPolicy policy,
            ObjectProvider<MeterRegistry> meters) {
        return new Retention(jdbc, new TransactionTemplate(tx), runs, policy, Clock.systemUTC(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    RouteBuilder retentionSchedule(Retention retention,
            @Value("${bridge.schedule.retention:0 45 4 * * ?}") String cron,
            @Value("${bridge.schedule.zone:America/New_York}") String zone) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz://retention/nightly?cron=" + cron.replace(' ', '+') + "&trigger.timeZone=" + zone)
                        .routeId("retention-schedule").process(e -> retention.run("schedule"));
            }
        };
    }
}
