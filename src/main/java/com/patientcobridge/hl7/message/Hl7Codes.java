package com.patientcobridge.hl7.message;

import com.patientcobridge.codes.CodeTableException;
import com.patientcobridge.codes.CodeTableRule;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.model.FinancialEvent;
import java.util.Map;

/**
 * Every code the HL7 messages carry, read from {@code mappings/} and the posting profile over it:
 * MSH applications and facilities, FT1-6/FT1-7/FT1-11 sign per posting kind, PV1-2, GT1-11, sex,
 * ADT events, and the profile's fields and identifier types.
 */
public final class Hl7Codes implements CodeTableRule {

    private volatile CodeTables tables;
    private volatile PostingProfile profile;

    /** The MSH and PID-3 settings of a facility, falling back to 'default'. */
    public record FacilityCodes(String sendingApplication, String sendingFacility, String receivingApplication,
            String receivingFacility, String processingId, String mrnAssigningAuthority) {
    }

    /** How one settlement item type posts in batch mode: FT1-6, FT1-7 and the factor of FT1-11. */
    public record DepositItemCode(String type, TransactionCode code, int sign) {
    }

    /** Settlement item types, as Patientco names them. */
    static final String[] ITEM_TYPES = {"sale", "refund", "chargeback", "chargeback_reversal", "fee"};

    /** FT1-7 as code, text and coding system. */
    public record TransactionCode(String code, String text, String system) {
    }

    @Override
    public void check(CodeTables t) {
        for (String table : new String[] {"facilities", "transaction-types", "amount-signs", "patient-class",
                "relationship", "sex", "adt-events"}) {
            if (!t.has(table)) {
                throw new CodeTableException("mappings/" + table + ".yaml: missing (needed by the HL7 messages; "
                        + "a posting profile holds transaction-types, amount-signs and adt-events)");
            }
        }
        facility(t, "default");
        PostingProfile read;
        try {
            read = PostingProfile.read(t, com.patientcobridge.hl7.Hl7Config.newContext()
                    .newMessage(ca.uhn.hl7v2.model.v251.message.DFT_P03.class).getFINANCIAL().getFT1());
        } catch (ca.uhn.hl7v2.HL7Exception e) {
            throw new IllegalStateException("HAPI cannot make an FT1 to check the posting profile against", e);
        }
        String codesTable = read.transactionCodes();
        for (FinancialEvent.Kind kind : FinancialEvent.Kind.values()) {
            t.text("transaction-types", kind.name());
            String sign = t.text("amount-signs", kind.name());
            if (!sign.equals("1") && !sign.equals("-1")) {
                throw new CodeTableException(t.file("amount-signs") + ": key '" + kind + "' must be 1 or -1");
            }
            for (String method : new String[] {"card", "ach"}) {
                t.text(codesTable, kind.name() + "." + method + ".code");
            }
        }
        t.text(codesTable, "codingSystem");
        if (!t.has("deposit-items")) {
            throw new CodeTableException("mappings/deposit-items.yaml: missing (needed by batch posting)");
        }
        for (String type : ITEM_TYPES) {
            t.text("deposit-items", type + ".type");
            t.text("deposit-items", type + ".code");
            String sign = t.text("deposit-items", type + ".sign");
            if (!sign.equals("1") && !sign.equals("-1")) {
                throw new CodeTableException(t.file("deposit-items") + ": key '" + type + ".sign' must be 1 or -1");
            }
        }
        t.text("facilities", "default.depositAccount");
        for (String k : new String[] {"self", "spouse", "child", "other"}) {
            t.text("relationship", k);
        }
        for (String k : new String[] {"F", "M", "U"}) {
            t.text("sex", k);
        }
        for (String k : new String[] {"O", "I", "E", "none"}) {
            t.text("patient-class", k);
        }
        for (String change : new String[] {"linked", "demographics", "guarantor"}) {
            if (!t.text("adt-events", change).matches("A04|A08|A28|A31")) {
                throw new CodeTableException(t.file("adt-events") + ": key '" + change + "' must be A04, A08, A28 or A31");
            }
        }
        this.tables = t;
        this.profile = read;
    }

    PostingProfile profile() {
        if (profile == null) {
            throw new IllegalStateException("Code tables not loaded yet");
        }
        return profile;
    }

    private CodeTables t() {
        if (tables == null) {
            throw new IllegalStateException("Code tables not loaded yet");
        }
        return tables;
    }

    public FacilityCodes facility(String facilityId) {
        return facility(t(), t().find("facilities", facilityId == null ? "default" : facilityId).isPresent()
                ? facilityId : "default");
    }

    private static FacilityCodes facility(CodeTables t, String id) {
        String p = id + ".";
        return new FacilityCodes(t.text("facilities", p + "sendingApplication"), t.text("facilities", p + "sendingFacility"),
                t.text("facilities", p + "receivingApplication"), t.text("facilities", p + "receivingFacility"),
                t.text("facilities", p + "processingId"), t.text("facilities", p + "mrnAssigningAuthority"));
    }

    /** The EHR account a facility's deposits post to (batch mode). */
    public String depositAccount(String facilityId) {
        return t().find("facilities", facilityId + ".depositAccount").map(String::valueOf)
                .orElse(t().text("facilities", "default.depositAccount"));
    }

    public DepositItemCode depositItem(String itemType) {
        String p = itemType + ".";
        return new DepositItemCode(t().text("deposit-items", p + "type"), new TransactionCode(
                t().text("deposit-items", p + "code"), t().find("deposit-items", p + "text").map(String::valueOf)
                        .orElse(""), t().text(profile().transactionCodes(), "codingSystem")),
                Integer.parseInt(t().text("deposit-items", p + "sign")));
    }

    /** FT1-6: under a same-type profile every posting has the payment's type, its sign telling a reversal apart. */
    public String transactionType(FinancialEvent.Kind kind) {
        FinancialEvent.Kind typed = profile().style() == PostingProfile.ReversalStyle.SAME_TYPE
                ? FinancialEvent.Kind.PAYMENT : kind;
        return t().text("transaction-types", typed.name());
    }

    public int sign(FinancialEvent.Kind kind) {
        return Integer.parseInt(t().text("amount-signs", kind.name()));
    }

    public TransactionCode transactionCode(FinancialEvent.Kind kind, String methodType) {
        String method = "ach".equals(methodType) ? "ach" : "card";
        Map<String, Object> code = t().map(profile().transactionCodes(), kind.name() + "." + method);
        return new TransactionCode(String.valueOf(code.get("code")), String.valueOf(code.getOrDefault("text", "")),
                t().text(profile().transactionCodes(), "codingSystem"));
    }

    public String patientClass(String patientClass) {
        return t().find("patient-class", patientClass == null ? "none" : patientClass).map(String::valueOf)
                .orElse(t().text("patient-class", "none"));
    }

    public String relationship(String relationshipToGuarantor) {
        return t().find("relationship", relationshipToGuarantor == null ? "other" : relationshipToGuarantor)
                .map(String::valueOf).orElse(t().text("relationship", "other"));
    }

    public String sex(String sex) {
        return t().find("sex", sex == null ? "U" : sex).map(String::valueOf).orElse(t().text("sex", "U"));
    }

    public String adtEvent(String change) {
        return t().text("adt-events", change);
    }
}
