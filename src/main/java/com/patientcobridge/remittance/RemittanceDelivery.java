package com.patientcobridge.remittance;

import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.system.Json;
import io.xlate.edi.stream.EDIStreamException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each pending 835, reads it back, and delivers it through camel-file under a temporary name
 * only when it parses and balances to the deposit; a refused file is a dead letter, named by its
 * batch and its reasons, and waits for a person to replay it.
 */
final class RemittanceDelivery {

    static final String FLOW = "remittance-835";
    static final String REPLAY = "direct:remittance-835-replay";
    private static final Logger LOG = LoggerFactory.getLogger(RemittanceDelivery.class);

    private final Remittances remittances;
    private final Remittance835 writer;
    private final DeadLetterStore deadLetters;
    private final ProducerTemplate camel;
    private final String fileUri;

    RemittanceDelivery(Remittances remittances, Remittance835 writer, DeadLetterStore deadLetters, ProducerTemplate camel,
            String dir) {
        this.remittances = remittances;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.camel = camel;
        this.fileUri = "file:" + dir + "?tempFileName=${file:name}.part&fileExist=Override&charset=UTF-8";
    }

    /** Every pending 835, oldest first; returns how many were delivered. */
    int deliverPending() {
        int delivered = 0;
        for (Remittances.Pending p : remittances.pending(50)) {
            if (deliver(p)) {
                delivered++;
            }
        }
        return delivered;
    }

    boolean deliver(Remittances.Pending pending) {
        Deposit deposit = remittances.deposit(pending.batchId());
        String x12;
        try {
            x12 = writer.write(deposit, pending.control(), pending.createdAt());
        } catch (EDIStreamException | RuntimeException e) {
            refuse(deposit, "cannot be written: " + e.getMessage());
            return false;
        }
        return deliver(deposit, x12);
    }

    /** Delivers {@code x12} as the deposit's 835 if it reads back as the deposit, to the cent. */
    boolean deliver(Deposit deposit, String x12) {
        RemittanceCheck.Result check = RemittanceCheck.check(x12, deposit.batch().id(), deposit.batch().netAmount());
        if (!check.deliverable()) {
            refuse(deposit, String.join("; ", check.problems()));
            return false;
        }
        String name = fileName(deposit);
        camel.sendBodyAndHeader(fileUri, x12, Exchange.FILE_NAME, name);
        remittances.delivered(deposit.batch().id(), name, DigestUtils.sha256Hex(x12));
        LOG.info("835 for settlement batch {} delivered as {}: {} claims, paid {}", deposit.batch().id(), name,
                check.totals().claims(), check.totals().paid().toPlainString());
        return true;
    }

    private void refuse(Deposit deposit, String reason) {
        String batchId = deposit.batch().id();
        remittances.refused(batchId, reason);
        deadLetters.record(new DeadLetterStore.Entry(FLOW, "settlement_batches", batchId,
                "deposit:" + deposit.batch().facilityId(), "835 for batch " + batchId + " refused: " + reason, null, 1,
                Json.write(new RemittanceReplay(batchId)), RemittanceReplay.class.getName(), REPLAY, null, null, null));
        LOG.warn("835 for settlement batch {} refused, not delivered: {}", batchId, reason);
    }

    static String fileName(Deposit deposit) {
        return "835_" + deposit.batch().id().replaceAll("[^A-Za-z0-9_.-]", "_") + ".x12";
    }
}
