package com.patientcobridge.hl7;

import ca.uhn.hl7v2.HapiContext;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import com.patientcobridge.hl7.message.Hl7Codes;
import com.patientcobridge.hl7.message.Hl7Composer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The crosswalk, the code lookups (checked at start-up) and the composer that builds messages from the outbox. */
@Configuration(proxyBeanMethods = false)
class Hl7Beans {

    @Bean
    PostgresCrosswalk crosswalk(JdbcTemplate jdbc) {
        return new PostgresCrosswalk(jdbc);
    }

    @Bean
    com.patientcobridge.hl7.accounts.AccountRoutes accountRoutes(Outbox outbox, JdbcTemplate jdbc,
            com.patientcobridge.deadletter.PageDeadLetters deadLetters,
            org.springframework.transaction.PlatformTransactionManager tx,
            com.patientcobridge.deadletter.DeadLetterService deadLetterService) {
        return new com.patientcobridge.hl7.accounts.AccountRoutes(com.patientcobridge.hl7.accounts.AccountRoutes
                .processor(jdbc, outbox, deadLetters, tx, deadLetterService));
    }

    @Bean
    Hl7Codes hl7Codes() {
        return new Hl7Codes();
    }

    /** Depends on the loaded code tables, so the codes are checked before any message is built. */
    @Bean
    Hl7Composer hl7Composer(HapiContext hapi, PostgresCrosswalk crosswalk, Hl7Codes codes, CodeTables tables) {
        return new Hl7Composer(hapi, crosswalk, codes);
    }
}
