package com.patientcobridge.hl7.accounts;

import com.patientcobridge.patientco.model.Account;
import com.patientcobridge.system.BridgeHeaders;
import org.apache.camel.builder.RouteBuilder;

/** The accounts flow: stage the account, update the crosswalk, and send the ADT the change calls for, in one transaction. */
public class AccountRoutes extends RouteBuilder {

    private final AccountLinks links;

    public AccountRoutes(AccountLinks links) {
        this.links = links;
    }

    @Override
    public void configure() {
        from("direct:account-records").routeId("account-records").routeConfigurationId("bridge-errors")
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:account-records"))
                .transacted()
                .to("direct:stage-account")
                .process(e -> links.onAccount(e.getIn().getBody(Account.class), "account-records",
                        e.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class)));
    }
}
