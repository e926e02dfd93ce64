package com.patientcobridge.patientco.inbound;

import com.patientcobridge.patientco.PatientcoConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inbound payment files' work route and its processor. */
@Configuration(proxyBeanMethods = false)
class InboundConfig {

    @Bean
    InboundPayments inboundPayments(PatientcoConnection patientco, JdbcTemplate jdbc) {
        return new InboundPayments(patientco, jdbc);
    }

    @Bean
    InboundPaymentRoutes inboundPaymentRoutes(InboundPayments payments) {
        return new InboundPaymentRoutes(payments);
    }
}
