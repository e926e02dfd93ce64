package com.patientcobridge.system;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database's health check, answered within {@code bridge.health.database-deadline} (Spring Boot's own is off). */
@Configuration(proxyBeanMethods = false)
class HealthConfig {

    @Bean("db")
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource,
            @Value("${bridge.health.database-deadline:PT2S}") Duration deadline) {
        return new DatabaseHealthIndicator(dataSource, deadline);
    }
}
