package com.patientcobridge.hl7.delivery;

/**
 * What an answer from the EHR means for the row it answers, decided from the reply, the resends so
 * far and the policy alone: accepted (AA/CA with MSA-2 = the row's MSH-10); sent again with the same
 * MSH-10 (a timeout, or an accept of another message, after resetting the connection); retried
 * later with backoff (AE/CE within its retries, the EHR down or unreadable); or dead (AR/CR, AE/CE
 * past its retries).
 */
record AckVerdict(Action action, boolean resetConnection, String code, String reason, long backoffMillis) {

    enum Action { ACCEPTED, RESEND, RETRY_LATER, DEAD }

    static AckVerdict of(OutboxRow row, MllpLink.Reply reply, int resends, DeliveryPolicy policy) {
        String code = reply.code();
        switch (code) {
            case "AA", "CA" -> {
                if (row.msh10().equals(reply.msa2())) {
                    return new AckVerdict(Action.ACCEPTED, false, code, null, 0);
                }
                return new AckVerdict(Action.RESEND, true, code, "ACK for " + reply.msa2() + " does not match MSH-10 "
                        + row.msh10(), 0);
            }
            case "TIMEOUT" -> {
                if (resends + 1 > policy.maxTimeoutResends()) {
                    return new AckVerdict(Action.RETRY_LATER, true, null, "ACK timeout", policy.backoffMillis(resends + 1));
                }
                return new AckVerdict(Action.RESEND, false, null, "no ACK in time", 0);
            }
            case "AE", "CE" -> {
                int attempts = row.attempts() + 1;
                if (attempts > policy.maxErrorRetries()) {
                    return new AckVerdict(Action.DEAD, false, code, "AE from EHR after " + attempts + " attempts: "
                            + text(reply), 0);
                }
                return new AckVerdict(Action.RETRY_LATER, false, code, text(reply), policy.backoffMillis(attempts));
            }
            case "AR", "CR" -> {
                return new AckVerdict(Action.DEAD, false, code, "AR from EHR: " + text(reply), 0);
            }
            default -> {
                // The EHR down or an unreadable answer: kept and tried again later; nothing is dropped.
                return new AckVerdict(Action.RETRY_LATER, false, null, reply.text(),
                        policy.backoffMillis(Math.min(row.attempts() + 1, 8)));
            }
        }
    }

    /** An answer the EHR gave (AE, AR): counted as rejected. */
    boolean rejected() {
        return code != null && java.util.Set.of("AE", "CE", "AR", "CR").contains(code);
    }

    private static String text(MllpLink.Reply reply) {
        return reply.text() == null || reply.text().isBlank() ? "(no text)" : reply.text();
    }
}
