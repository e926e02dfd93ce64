package com.patientcobridge.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quartz's clustered JDBC job store on the bridge's own PostgreSQL (tables by Flyway, V50): every
 * node shares the triggers, so each firing runs on one node; a node that dies mid-job is noticed
 * by the others within a few check-in intervals and the job is fired again on one of them; a
 * firing missed while every node was down (a nightly job) fires once at start (cron triggers'
 * default misfire policy, "fire once now"). The nodes of one bridge share {@code camel.main.name}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bridge.schedule.store", havingValue = "jdbc", matchIfMissing = true)
public class QuartzJobStore {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzJobStore.class);

    @Bean
    ComponentCustomizer quartzJobStoreCustomizer(DataSource dataSource,
            @Value("${camel.main.name:patientco-bridge}") String scheduler,
            @Value("${bridge.node:local}") String node,
            @Value("${bridge.schedule.cluster-checkin:PT5S}") Duration checkin,
            @Value("${bridge.schedule.misfire-threshold:PT1M}") Duration misfireThreshold,
            @Value("${bridge.schedule.threads:4}") int threads) {
        // Named after the scheduler: two bridges in one JVM (tests) must not share a connection provider.
        String provider = "bridge-" + scheduler;
        register(provider, dataSource);
        Map<String, Object> props = properties(node + "-" + ProcessHandle.current().pid(), provider,
                checkin, misfireThreshold, threads);
        return ComponentCustomizer.forType(QuartzComponent.class, quartz -> quartz.setProperties(props));
    }

    /** Marks the bridge's jobs "requests recovery", which Camel's scheduled-poll jobs are not by default. */
    @Bean
    CamelContextConfiguration quartzJobRecovery() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                try {
                    requestRecovery(camel.getComponent("quartz", QuartzComponent.class).getScheduler());
                } catch (SchedulerException e) {
                    throw new IllegalStateException("Cannot mark the Quartz jobs for recovery: " + e.getMessage(), e);
                }
            }
        };
    }

    /** Lets Quartz's job store named {@code provider} take its connections from {@code dataSource}. */
    static void register(String provider, DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(provider, new SpringDataSource(dataSource));
    }

    static Map<String, Object> properties(String instanceId, String provider, Duration checkin,
            Duration misfireThreshold, int threads) {
        Map<String, Object> p = new HashMap<>();
        // Camel adds "-<camel context name>": nodes sharing camel.main.name share "bridge-<name>".
        p.put("org.quartz.scheduler.instanceName", "bridge");
        p.put("org.quartz.scheduler.instanceId", instanceId);
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.dataSource", provider);
        p.put("org.quartz.jobStore.tablePrefix", "bridge.qrtz_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkin.toMillis()));
        p.put("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
        return p;
    }

    static void requestRecovery(Scheduler scheduler) throws SchedulerException {
        if (scheduler == null) {
            return;
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.anyJobGroup())) {
            JobDetail job = scheduler.getJobDetail(key);
            if (job != null && !job.requestsRecovery()) {
                scheduler.addJob(job.getJobBuilder().requestRecovery(true).build(), true, true);
                LOG.debug("Quartz job {} marked for recovery", key);
            }
        }
    }

    /** Quartz takes connections from the bridge's pool; the pool is Spring's to close, not Quartz's. */
    private record SpringDataSource(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
