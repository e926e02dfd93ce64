package com.patientcobridge.patientco.inbound;

import com.patientcobridge.patientco.client.PatientcoConnection;
import java.nio.file.Path;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inbound payment files' work route and its processor, with the files' limits. */
@Configuration(proxyBeanMethods = false)
class InboundConfig {

    @Bean
    InboundPayments inboundPayments(PatientcoConnection patientco, JdbcTemplate jdbc, ProducerTemplate camel,
            @Value("${patientco.inbound.dir}") String dir,
            @Value("${patientco.inbound.max-file-bytes:5242880}") long maxFileBytes,
            @Value("${patientco.inbound.max-line-chars:4096}") int maxLineChars,
            @Value("${patientco.inbound.max-lines:100000}") int maxLines) {
        return new InboundPayments(patientco, jdbc, new InboundLimits(maxFileBytes, maxLineChars, maxLines),
                Path.of(dir).resolve(".failed"), camel);
    }

    @Bean
    InboundPaymentRoutes inboundPaymentRoutes(InboundPayments payments) {
        return new InboundPaymentRoutes(payments);
    }
}
