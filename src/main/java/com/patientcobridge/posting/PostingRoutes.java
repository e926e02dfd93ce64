package com.patientcobridge.posting;

import com.patientcobridge.patientco.model.Chargeback;
import com.patientcobridge.patientco.model.PatientcoRecord;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.model.Refund;
import com.patientcobridge.system.BridgeHeaders;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The payment, refund and chargeback flows: each record is staged and run through the payment
 * lifecycle in one transaction (staging row, ledger, transitions and outbox rows commit together,
 * or not at all); failures go to the {@code bridge-errors} dead-letter channel.
 */
public class PostingRoutes extends RouteBuilder {

    /** Header set on the way out: how many postings the record produced. */
    public static final String POSTED = "BridgePosted";

    private final PaymentLifecycle lifecycle;

    public PostingRoutes(PaymentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void configure() {
        flow("payment-records", "payments", "direct:stage-payment", Payment.class,
                p -> lifecycle.onPayment(p.record(), p.flow(), p.runId()));
        flow("refund-records", "refunds", "direct:stage-refund", Refund.class,
                r -> lifecycle.onRefund(r.record(), r.flow(), r.runId()));
        flow("chargeback-records", "chargebacks", "direct:stage-chargeback", Chargeback.class,
                c -> lifecycle.onChargeback(c.record(), c.flow(), c.runId()));
    }

    /** One record in flight: what the lifecycle needs from the exchange. */
    record Step<T>(T record, String flow, Long runId) {
    }

    private <T extends PatientcoRecord> void flow(String id, String resource, String stage, Class<T> type,
            Function<Step<T>, List<FinancialEvent>> work) {
        from("direct:" + id).routeId(id).routeConfigurationId("bridge-errors")
                .process(e -> ids(e, resource, type))
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:" + id))
                .transacted()
                .to(stage)
                .process(e -> {
                    T record = e.getIn().getBody(type);
                    List<FinancialEvent> posted = work.apply(new Step<>(record, id, runId(e)));
                    e.getIn().setHeader(POSTED, posted.size());
                });
    }

    /** Dead letters and run history name the record even when the caller did not (a test, a replay). */
    private static void ids(Exchange e, String resource, Class<?> type) {
        Object body = e.getIn().getBody();
        if (!type.isInstance(body)) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName() + ", got "
                    + (body == null ? "nothing" : body.getClass().getSimpleName()));
        }
        if (e.getIn().getHeader(BridgeHeaders.PATIENTCO_ID) == null) {
            e.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, ((PatientcoRecord) body).id());
        }
        if (e.getIn().getHeader(BridgeHeaders.RESOURCE) == null) {
            e.getIn().setHeader(BridgeHeaders.RESOURCE, resource);
        }
    }

    static Long runId(Exchange e) {
        return e.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class);
    }
}
