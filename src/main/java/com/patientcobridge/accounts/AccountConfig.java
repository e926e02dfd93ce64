package com.patientcobridge.accounts;

import com.patientcobridge.deadletter.DeadLetterService;
import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.hl7.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The accounts flow: guarantors, patients and encounters to the crosswalk, staging and ADT. */
@Configuration(proxyBeanMethods = false)
class AccountConfig {

    @Bean
    AccountRoutes accountRoutes(Outbox outbox, JdbcTemplate jdbc, PageDeadLetters deadLetters,
            PlatformTransactionManager tx, DeadLetterService deadLetterService) {
        return new AccountRoutes(AccountRoutes.processor(jdbc, outbox, deadLetters, tx, deadLetterService));
    }
}
