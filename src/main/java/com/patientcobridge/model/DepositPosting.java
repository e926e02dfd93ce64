package com.patientcobridge.model;

import java.util.List;

/**
 * A deposited settlement batch as the EHR posts it in batch mode: one DFT^P03 with an FT1 per item.
 *
 * @param batch the deposited batch
 * @param items its items in Patientco's order
 */
public record DepositPosting(Settlement batch, List<SettlementItem> items) {
}
