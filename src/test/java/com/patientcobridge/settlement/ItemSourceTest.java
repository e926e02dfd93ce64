package com.patientcobridge.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.patientco.PatientcoProducer;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.junit.jupiter.api.Test;

/** Items come from the API, from the portal report for configured merchants, and from the portal when the API answers 404. */
class ItemSourceTest {

    static final Instant T = Instant.parse("2026-11-10T02:00:00Z");
    final List<String> calls = new ArrayList<>();

    @Test
    void apiFirstPortalForConfiguredMerchantsAndOnA404() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("patientco", new FakePatientco());
            camel.start();
            ItemSource source = new ItemSource(camel.createProducerTemplate(), Set.of("mer_portal"));

            assertThat(source.of(batch("stl_ok", "mer_api")).source()).isEqualTo("api");
            assertThat(source.of(batch("stl_missing", "mer_api")).source()).isEqualTo("portal");
            assertThat(source.of(batch("stl_any", "mer_portal")).source()).isEqualTo("portal");
            assertThat(calls).containsExactly("settlement-items:stl_ok", "settlement-items:stl_missing",
                    "settlement-report:stl_missing", "settlement-report:stl_any");
        }
    }

    static Settlement batch(String id, String merchant) {
        return new Settlement(id, merchant, "fac_atl01", T, null, "closed", "USD", BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, 1, T);
    }

    /** Stands in for the patientco component: items 404 for stl_missing; the report always answers. */
    final class FakePatientco extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            return new DefaultEndpoint(uri, this) {
                @Override
                public org.apache.camel.Producer createProducer() {
                    return new DefaultProducer(this) {
                        @Override
                        public void process(Exchange exchange) {
                            String id = exchange.getIn().getHeader(PatientcoProducer.SETTLEMENT_ID, String.class);
                            calls.add(remaining + ":" + id);
                            if (remaining.equals("settlement-items") && id.equals("stl_missing")) {
                                throw new PatientcoHttpException(404, "not_found", "no items");
                            }
                            exchange.getMessage().setBody(List.of(new SettlementItem("sti_1", "sale", "pay_1", null, null,
                                    "acc_1", BigDecimal.ONE, T)));
                        }
                    };
                }

                @Override
                public org.apache.camel.Consumer createConsumer(org.apache.camel.Processor processor) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
