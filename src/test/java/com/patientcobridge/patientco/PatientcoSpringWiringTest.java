package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeSpringTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In the whole application: the routes/*.yaml consumers use the component configured from patientco.* (the sandbox). */
@BridgeSpringTest
class PatientcoSpringWiringTest {

    @Autowired
    CamelContext camel;
    @Autowired
    PatientcoHealthIndicator health;
    @Autowired
    PatientcoConfiguration configuration;

    @Test
    void yamlRoutesReadThroughTheSharedSessionOfTheInProcessSandbox() {
        PatientcoEndpoint endpoint = (PatientcoEndpoint) camel.getRoute("payments-poll").getEndpoint();
        assertThat(endpoint.getConfiguration().getBaseUrl()).isEqualTo(configuration.getBaseUrl()).startsWith("http");
        assertThat(endpoint.getConfiguration().getPageSize()).isEqualTo(500);
        SyncSource facilities = (SyncSource) camel.getRoute("payments-poll").getConsumer();
        assertThat(facilities.job()).isEqualTo("payments");
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(camel.getRoute("inbound-payment-file")).isNotNull();
    }
}
