package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.support.HapiEhr;
import com.patientcobridge.support.TestDatabase;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** /actuator/health's EHR part: UP with a listening HAPI server, DOWN (and why) once nothing listens. */
class EhrHealthIndicatorTest {

    @Test
    void upWhileTheEhrListensDownWhenItIsGone() throws Exception {
        TestDatabase db = TestDatabase.create();
        try (HapiEhr ehr = new HapiEhr()) {
            Health up = new EhrHealthIndicator(new DeliveryConfig.EhrTarget("127.0.0.1", ehr.port(), false), db.jdbc)
                    .health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("unacknowledged", 0);
        }
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        Health down = new EhrHealthIndicator(new DeliveryConfig.EhrTarget("127.0.0.1", closed, false), db.jdbc).health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("error").toString()).contains("not reachable");
    }
}
