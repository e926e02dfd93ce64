package com.patientcobridge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import com.patientcobridge.system.OnceModeDefaults;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Boots the whole bridge for a test: embedded PostgreSQL in a data folder of its own, the
 * in-process sandbox, the local EHR receiver, the routes in {@code routes/} and the code tables
 * in {@code mappings/}, on a random port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = BridgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bridge.data-dir=target/test-data/${random.uuid}", "bridge.startup-run=false",
                // Quartz schedulers are named after the Camel context and shared in one JVM: one name per context.
                "camel.main.name=bridge-test-${random.uuid}",
                "bridge.schedule.enabled=false", "ehr.local-receiver.port=0",
                // Statement PDFs (a portal login each round) are StatementArchiveTest's; the other tests do without.
                "bridge.statements.archive-pdfs=false",
                "ehr.local-receiver.inbox=target/test-data/ehr-inbox", "sandbox.guarantors=120",
                "bridge.schedule.accounts=" + OnceModeDefaults.NEVER, "bridge.schedule.statements=" + OnceModeDefaults.NEVER,
                "bridge.schedule.payments=" + OnceModeDefaults.NEVER, "bridge.schedule.refunds=" + OnceModeDefaults.NEVER,
                "bridge.schedule.chargebacks=" + OnceModeDefaults.NEVER,
                "bridge.schedule.settlements=" + OnceModeDefaults.NEVER,
                "bridge.schedule.payment-plans=" + OnceModeDefaults.NEVER,
                "bridge.schedule.communications=" + OnceModeDefaults.NEVER,
                "bridge.schedule.outreach=" + OnceModeDefaults.NEVER,
                "bridge.schedule.retention=" + OnceModeDefaults.NEVER})
@CamelSpringBootTest
@DirtiesContext
public @interface BridgeSpringTest {
}
