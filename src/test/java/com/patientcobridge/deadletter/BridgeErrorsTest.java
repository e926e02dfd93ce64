package com.patientcobridge.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.failure.TransientFailure;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.support.TestDatabase;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The bridge-errors channel on a plain (not transacted) route, as a YAML route opting in gets it. */
class BridgeErrorsTest {

    TestDatabase db;
    DefaultCamelContext camel;
    final AtomicInteger calls = new AtomicInteger();
    volatile RuntimeException failure;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        camel = new DefaultCamelContext();
        camel.addRoutesConfigurations(new BridgeErrors(new BridgeErrors.Backoff(2, 5, 2, 20)));
        camel.addRoutes(new DeadLetterRoutes(new DeadLetterStore(db.jdbc, new DataSourceTransactionManager(db.dataSource)),
                new StaticListableBeanFactory().getBeanProvider(JobRuns.class)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:statement-file").routeId("statement-file").routeConfigurationId("bridge-errors")
                        .process(e -> {
                            calls.incrementAndGet();
                            throw failure;
                        });
            }
        });
        camel.start();
    }

    @AfterEach
    void tearDown() {
        camel.stop();
    }

    @Test
    void permanentFailureIsNotRetriedAndTheCallerCarriesOn() {
        failure = new IllegalArgumentException("line 4: amount 'abc' is not a number\nat column 7");
        camel.createProducerTemplate().sendBodyAndHeader("direct:statement-file", "raw line 4", "PatientcoId", "stm_1");
        assertThat(calls.get()).isEqualTo(1);
        assertThat(deadLetter("stm_1")).containsEntry("flow", "statement-file").containsEntry("attempts", 1)
                .containsEntry("reason", "IllegalArgumentException: line 4: amount '[redacted]' is not a number")
                .containsEntry("payload", "raw line 4").containsEntry("payload_type", "java.lang.String")
                .containsEntry("endpoint_uri", "direct://statement-file");
    }

    @Test
    void patientcoNotFoundIsPermanentButUnavailableIsRedelivered() {
        failure = new PatientcoHttpException(404, "not_found", "no such payment");
        camel.createProducerTemplate().sendBodyAndHeader("direct:statement-file", "a", "PatientcoId", "pay_404");
        assertThat(calls.getAndSet(0)).isEqualTo(1);
        assertThat(deadLetter("pay_404")).containsEntry("attempts", 1);

        failure = new PatientcoHttpException(503, "unavailable", "try later");
        camel.createProducerTemplate().sendBodyAndHeader("direct:statement-file", "b", "PatientcoId", "pay_503");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(deadLetter("pay_503")).containsEntry("attempts", 3);
    }

    @Test
    void connectionRefusedIsRedeliveredThenDeadLettered() {
        failure = new TransientFailure("EHR down", new ConnectException("Connection refused"));
        camel.createProducerTemplate().sendBodyAndHeader("direct:statement-file", "c", "PatientcoId", "stm_9");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(deadLetter("stm_9")).containsEntry("attempts", 3).containsEntry("status", "open");
        assertThat((String) deadLetter("stm_9").get("exception"))
                .isEqualTo("com.patientcobridge.failure.TransientFailure: EHR down");
    }

    private Map<String, Object> deadLetter(String patientcoId) {
        return db.jdbc.queryForMap("SELECT * FROM bridge.dead_letter WHERE patientco_id = ?", patientcoId);
    }
}
