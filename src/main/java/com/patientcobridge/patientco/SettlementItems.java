package com.patientcobridge.patientco;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Resource;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.client.RecordReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A settlement batch's items, read page by page: all at once, or as an iterator that holds one page. */
final class SettlementItems {

    private final PatientcoClient client;
    private final String batchId;

    SettlementItems(PatientcoClient client, String batchId) {
        this.client = client;
        this.batchId = batchId;
    }

    List<SettlementItem> all() {
        List<SettlementItem> items = new ArrayList<>();
        iterator().forEachRemaining(items::add);
        return items;
    }

    /** Validated items; a malformed item fails the whole batch, since its totals could not be checked. */
    Iterator<SettlementItem> iterator() {
        return new Iterator<>() {
            private Iterator<JsonNode> page = List.<JsonNode>of().iterator();
            private String cursor;
            private boolean started;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && (!started || cursor != null)) {
                    PatientcoClient.Page p = client.items(batchId, cursor, 500);
                    started = true;
                    cursor = p.nextCursor();
                    page = p.records().iterator();
                }
                return page.hasNext();
            }

            @Override
            public SettlementItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JsonNode raw = page.next();
                return RecordReader.read(Resource.SETTLEMENT_ITEMS, raw, SettlementItem.class);
            }
        };
    }
}
