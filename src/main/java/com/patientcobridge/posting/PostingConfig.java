package com.patientcobridge.posting;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.Resource;
import com.patientcobridge.pages.PageProcessor;
import com.patientcobridge.patientco.client.PatientcoConnection;
import com.patientcobridge.patientco.client.RecordReader;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The payment lifecycle's flows, and where they find what staging does not hold yet: an account
 * (read from Patientco) and a payment never seen (Patientco's single GET).
 */
@Configuration(proxyBeanMethods = false)
class PostingConfig {

    /** An account not staged yet, read from Patientco. */
    @Bean
    AccountLookup accountLookup(PatientcoConnection patientco) {
        return accountId -> fetch(patientco, Resource.ACCOUNTS, accountId, Account.class);
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
    Postings postings(@Value("${bridge.posting.mode:event}") String mode) {
        try {
            return new Postings(Postings.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("bridge.posting.mode (BRIDGE_POSTING_MODE) is '" + mode
                    + "': it takes event, batch or none");
        }
    }

    @Bean
    DepositPostings depositPostings(Outbox outbox, Postings postings) {
        return new DepositPostings(outbox, postings);
    }

    @Bean
    PostingRoutes postingRoutes(JdbcTemplate jdbc, Postings postings, Outbox outbox, AccountLookup accounts,
            PaymentLookup payments, PageDeadLetters deadLetters, PlatformTransactionManager tx,
            com.patientcobridge.deadletter.DeadLetterService deadLetterService) {
        List<String> ids = new ArrayList<>();
        List<PageProcessor<?>> flows = new ArrayList<>();
        for (PostingFlow.Kind kind : PostingFlow.Kind.values()) {
            ids.add(kind.flow);
            flows.add(new PageProcessor<>(new PostingFlow(kind, jdbc, postings, outbox, accounts, payments),
                    deadLetters, tx).onRecovered(deadLetterService::recovered));
        }
        return new PostingRoutes(ids, flows);
    }
}
