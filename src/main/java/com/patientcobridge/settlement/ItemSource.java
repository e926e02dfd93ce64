package com.patientcobridge.settlement;

import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.patientco.PatientcoProducer;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a batch's items come from: the API ({@code patientco:settlement-items}), or the portal's
 * report ({@code patientco:settlement-report}) for merchants configured so, and as the fallback
 * when the API answers 404 for a batch's items.
 */
public class ItemSource {

    private static final Logger LOG = LoggerFactory.getLogger(ItemSource.class);

    /** A batch's items and where they came from: api or portal. */
    public record Items(List<SettlementItem> items, String source) {
    }

    private final ProducerTemplate camel;
    private final Set<String> reportMerchants;

    public ItemSource(ProducerTemplate camel, Set<String> reportMerchants) {
        this.camel = camel;
        this.reportMerchants = reportMerchants;
    }

    @SuppressWarnings("unchecked")
    public Items of(Settlement s) {
        if (!reportMerchants.contains(s.merchantId())) {
            try {
                return new Items(camel.requestBodyAndHeader("patientco:settlement-items", null,
                        PatientcoProducer.SETTLEMENT_ID, s.id(), List.class), "api");
            } catch (CamelExecutionException e) {
                if (!(e.getCause() instanceof PatientcoHttpException h) || h.status() != 404) {
                    throw e;
                }
                LOG.info("Settlement {}: the API has no items (404); reading the portal's report", s.id());
            }
        }
        return new Items(camel.requestBodyAndHeader("patientco:settlement-report", null,
                PatientcoProducer.SETTLEMENT_ID, s.id(), List.class), "portal");
    }
}
