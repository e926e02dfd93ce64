package com.patientcobridge.accounts;

import com.patientcobridge.deadletter.DeadLetterService;
import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.pages.PageProcessor;
import com.patientcobridge.system.BridgeHeaders;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code direct:account-records}: a page of accounts staged, linked in the crosswalk and announced to
 * the EHR by the ADT each change calls for, in one transaction with the page's watermark.
 */
public class AccountRoutes extends RouteBuilder {

    private final PageProcessor<?> accounts;

    public AccountRoutes(PageProcessor<?> accounts) {
        this.accounts = accounts;
    }

    @Override
    public void configure() {
        from("direct:" + AccountFlow.FLOW).routeId(AccountFlow.FLOW)
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:" + AccountFlow.FLOW))
                .transacted()
                .process(accounts);
    }

    /** The flow's processor, for the configuration that wires it. */
    public static PageProcessor<?> processor(JdbcTemplate jdbc, Outbox outbox, PageDeadLetters deadLetters,
            PlatformTransactionManager tx, DeadLetterService deadLetterService) {
        return new PageProcessor<>(new AccountFlow(jdbc, outbox), deadLetters, tx)
                .onRecovered(deadLetterService::recovered);
    }
}
