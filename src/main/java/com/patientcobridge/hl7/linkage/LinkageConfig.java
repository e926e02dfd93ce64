package com.patientcobridge.hl7.linkage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The crosswalk between Patientco's ids and the EHR's (MRN, HAR, guarantor id). */
@Configuration(proxyBeanMethods = false)
class LinkageConfig {

    @Bean
    PostgresCrosswalk crosswalk(JdbcTemplate jdbc) {
        return new PostgresCrosswalk(jdbc);
    }
}
