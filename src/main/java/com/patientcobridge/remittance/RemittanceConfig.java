package com.patientcobridge.remittance;

import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.deadletter.DeadLetterStore;
import java.util.Locale;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The 835 per deposit ({@code EHR_REMITTANCE=835}); off by default, when only the table's enqueue is wired (and does nothing). */
@Configuration(proxyBeanMethods = false)
class RemittanceConfig {

    static boolean enabled(String format) {
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("835") && !f.equals("none") && !f.isEmpty()) {
            throw new IllegalStateException("EHR_REMITTANCE (bridge.remittance.format) is '" + format
                    + "': it takes 835 or none");
        }
        return f.equals("835");
    }

    @Bean
    Remittances remittances(JdbcTemplate jdbc, @Value("${bridge.remittance.format:none}") String format) {
        return new Remittances(jdbc, enabled(format));
    }

    @Bean
    RemittanceCodes remittanceCodes() {
        return new RemittanceCodes();
    }

    @Bean
    RouteBuilder remittanceRoutes(@Value("${bridge.remittance.format:none}") String format,
            @Value("${bridge.remittance.dir:out/remittance}") String dir,
            @Value("${bridge.remittance.period-ms:5000}") long periodMillis, Remittances remittances,
            RemittanceCodes codes, CodeTables tables, DeadLetterStore deadLetters, ProducerTemplate camel) {
        if (!enabled(format)) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                }
            };
        }
        return new RemittanceRoutes(new RemittanceDelivery(remittances, new Remittance835(codes), deadLetters, camel, dir),
                remittances, periodMillis);
    }
}
