package com.patientcobridge.remittance;

import com.patientcobridge.codes.CodeTableException;
import com.patientcobridge.codes.CodeTableRule;
import com.patientcobridge.codes.CodeTables;

/** The 835's envelope ids, payer, payees and adjustment codes, from {@code mappings/remittance.yaml}. */
public final class RemittanceCodes implements CodeTableRule {

    /** Loop 1000B: who is paid, by facility. */
    record Payee(String name, String qualifier, String id) {
    }

    /** A CAS adjustment: group code (CO, CR, OA, PI, PR) and claim adjustment reason code. */
    record Adjustment(String group, String reason) {
    }

    static final String[] CLAIM_ADJUSTED = {"refund", "chargeback", "chargeback_reversal"};

    private volatile CodeTables tables;

    @Override
    public void check(CodeTables t) {
        if (!t.has("remittance")) {
            throw new CodeTableException("mappings/remittance.yaml: missing (needed by the 835 per deposit)");
        }
        for (String key : new String[] {"sender.qualifier", "sender.id", "receiver.qualifier", "receiver.id", "usage",
                "payer.name", "payer.id", "payer.address.line1", "payer.address.city", "payer.address.state",
                "payer.address.postalCode", "payer.contact.name", "payer.contact.phone", "claimFilingIndicator",
                "providerAdjustments.fee", "payees.default.name", "payees.default.qualifier", "payees.default.id"}) {
            t.text("remittance", key);
        }
        for (String type : CLAIM_ADJUSTED) {
            t.text("remittance", "adjustments." + type + ".group");
            t.text("remittance", "adjustments." + type + ".reason");
        }
        for (String party : new String[] {"sender", "receiver"}) {
            if (t.text("remittance", party + ".id").length() > 15) {
                throw new CodeTableException(t.file("remittance") + ": key '" + party + ".id' is longer than ISA's 15");
            }
        }
        this.tables = t;
    }

    private CodeTables t() {
        if (tables == null) {
            throw new IllegalStateException("Code tables not loaded yet");
        }
        return tables;
    }

    String text(String key) {
        return t().text("remittance", key);
    }

    Payee payee(String facilityId) {
        String p = "payees." + (facilityId != null && t().find("remittance", "payees." + facilityId).isPresent()
                ? facilityId : "default") + ".";
        return new Payee(text(p + "name"), text(p + "qualifier"), text(p + "id"));
    }

    Adjustment adjustment(String itemType) {
        return new Adjustment(text("adjustments." + itemType + ".group"), text("adjustments." + itemType + ".reason"));
    }
}
