package com.patientcobridge.patientco;

import com.patientcobridge.patientco.client.PatientcoConnection;
import com.patientcobridge.patientco.client.PatientcoHealth;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** DOWN, with the reason, once Patientco refused the credentials or the portal's layout changed. */
public class PatientcoHealthIndicator implements HealthIndicator {

    private final PatientcoConnection connection;
    private final PatientcoHealth health;

    public PatientcoHealthIndicator(PatientcoConnection connection, PatientcoHealth health) {
        this.connection = connection;
        this.health = health;
    }

    @Override
    public Health health() {
        Map<String, String> problems = new java.util.TreeMap<>(health.problems());
        var refusal = connection.session().refusal();
        if (refusal != null) {
            problems.put("session", refusal.getMessage());
        }
        if (problems.isEmpty()) {
            return Health.up().withDetail("server", connection.baseUrl()).build();
        }
        return Health.down().withDetails(problems).build();
    }
}
