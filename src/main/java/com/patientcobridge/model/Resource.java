package com.patientcobridge.model;

/** The Patientco resources the bridge reads, with their API path and record type. */
public enum Resource {
    FACILITIES("facilities", Facility.class, false),
    ACCOUNTS("accounts", Account.class, true),
    STATEMENTS("statements", Statement.class, true),
    PAYMENTS("payments", Payment.class, true),
    REFUNDS("refunds", Refund.class, true),
    CHARGEBACKS("chargebacks", Chargeback.class, true),
    SETTLEMENTS("settlements", Settlement.class, true),
    SETTLEMENT_ITEMS("settlement-items", SettlementItem.class, false),
    PAYMENT_PLANS("payment-plans", PaymentPlan.class, true),
    COMMUNICATIONS("communications", Communication.class, true);

    private final String path;
    private final Class<?> recordType;
    private final boolean incremental;

    Resource(String path, Class<?> recordType, boolean incremental) {
        this.path = path;
        this.recordType = recordType;
        this.incremental = incremental;
    }

    /** The name used in URIs ({@code patientco:payment-plans}) and in the API path. */
    public String path() {
        return path;
    }

    public Class<?> recordType() {
        return recordType;
    }

    /** Whether the API filters this resource by {@code updatedSince}. */
    public boolean incremental() {
        return incremental;
    }

    public static Resource fromPath(String path) {
        for (Resource r : values()) {
            if (r.path.equals(path)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown Patientco resource '" + path + "'");
    }
}
