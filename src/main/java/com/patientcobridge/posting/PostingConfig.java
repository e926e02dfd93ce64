package com.patientcobridge.posting;

import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.patientco.PatientcoConnection;
import com.patientcobridge.patientco.client.PatientcoHttpException;
import com.patientcobridge.patientco.client.RecordReader;
import com.patientcobridge.patientco.model.Account;
import com.patientcobridge.patientco.model.Resource;
import com.patientcobridge.system.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lifecycle, its routes, and where it finds accounts (staging, then Patientco) and unseen
 * payments (Patientco). The account lookup reads {@code staging.account} itself: when staging
 * offers an account directory, this bean is the one place to switch to it.
 */
@Configuration(proxyBeanMethods = false)
class PostingConfig {

    @Bean
    AccountLookup accountLookup(JdbcTemplate jdbc, PatientcoConnection patientco) {
        return accountId -> {
            List<String> staged = jdbc.queryForList("SELECT record::text FROM staging.account WHERE id = ?", String.class,
                    accountId);
            if (!staged.isEmpty()) {
                return Optional.of(Json.read(staged.get(0), Account.class));
            }
            return fetch(patientco, Resource.ACCOUNTS, accountId, Account.class);
        };
    }

    /** A payment the bridge has not seen: one single GET through the patientco: producer. */
    @Bean
    PaymentLookup paymentLookup(ProducerTemplate camel) {
        return new CamelPaymentLookup(camel);
    }

    static <T> Optional<T> fetch(PatientcoConnection patientco, Resource resource, String id, Class<T> type) {
        try {
            return Optional.of(RecordReader.read(resource, patientco.client().one(resource, id), type));
        } catch (PatientcoHttpException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Bean
    Postings postings(Outbox outbox, @Value("${bridge.posting.mode:event}") String mode) {
        return new Postings(outbox, Postings.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
    }

    @Bean
    DepositPostings depositPostings(Outbox outbox, Postings postings) {
        return new DepositPostings(outbox, postings);
    }

    @Bean
    PaymentLifecycle paymentLifecycle(JdbcTemplate jdbc, Postings postings, AccountLookup accounts,
            PaymentLookup payments, DeadLetterStore deadLetters) {
        return new PaymentLifecycle(jdbc, postings, accounts, payments, deadLetters);
    }

    @Bean
    PostingRoutes postingRoutes(PaymentLifecycle lifecycle) {
        return new PostingRoutes(lifecycle);
    }
}
