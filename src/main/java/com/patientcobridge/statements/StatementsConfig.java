package com.patientcobridge.statements;

import com.patientcobridge.deadletter.DeadLetterStore;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Statement line items and PDFs beside the staged statements, the PDF archive's route, the lifecycle report. */
@Configuration(proxyBeanMethods = false)
class StatementsConfig {

    @Bean
    StatementWrites statementWrites(JdbcTemplate jdbc, @Value("${bridge.statements.archive-pdfs:true}") boolean pdfs) {
        return new StatementWrites(jdbc, pdfs);
    }

    @Bean
    StatementReport statementReport(JdbcTemplate jdbc) {
        return new StatementReport(jdbc);
    }

    @Bean
    RouteBuilder statementArchiveRoutes(JdbcTemplate jdbc, ProducerTemplate camel, DeadLetterStore deadLetters,
            @Value("${patientco.archive-dir:data/archive}") String archiveDir,
            @Value("${bridge.statements.pdf-attempts:5}") int attempts,
            @Value("${bridge.statements.pdf-retry:PT30S}") Duration firstWait,
            @Value("${bridge.statements.period-ms:5000}") long periodMillis,
            @Value("${bridge.statements.archive-pdfs:true}") boolean pdfs) {
        if (!pdfs) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                }
            };
        }
        return new StatementArchiveRoutes(new StatementArchive(jdbc, camel, deadLetters, Path.of(archiveDir), attempts,
                firstWait), periodMillis);
    }
}
