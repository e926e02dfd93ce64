package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;

/** One signed line of a settlement batch: sales and won chargebacks positive; refunds, chargebacks, fees negative. */
public record SettlementItem(String id, String type, String paymentId, String refundId, String chargebackId,
        String accountId, BigDecimal amount, Instant occurredAt) {
}
