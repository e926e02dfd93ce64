package com.patientcobridge.hl7.accounts;

import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.hl7.message.AccountEvent;
import com.patientcobridge.hl7.message.Subject;
import com.patientcobridge.patientco.model.Account;
import com.patientcobridge.patientco.model.Encounter;
import com.patientcobridge.patientco.model.Guarantor;
import com.patientcobridge.patientco.model.Patient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An account read from Patientco: the EHR ids it carries go into the crosswalk, and the EHR hears
 * of it by ADT once as it becomes linked (its patient has an MRN) and again when the guarantor's
 * demographics change. Closed accounts never sent need not be.
 */
public class AccountLinks {

    private final Crosswalk crosswalk;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    public AccountLinks(Crosswalk crosswalk, Outbox outbox, JdbcTemplate jdbc) {
        this.crosswalk = crosswalk;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    public void onAccount(Account a, String flow, Long runId) {
        crosswalk.link(Crosswalk.Kind.ACCOUNT, a.id(), a.ehrAccountNumber(), "patientco");
        crosswalk.link(Crosswalk.Kind.GUARANTOR, a.guarantor().id(), a.guarantor().ehrGuarantorId(), "patientco");
        for (Patient p : list(a.patients())) {
            crosswalk.link(Crosswalk.Kind.PATIENT, p.id(), p.mrn(), "patientco");
        }
        for (Encounter e : list(a.encounters())) {
            crosswalk.link(Crosswalk.Kind.ENCOUNTER, e.id(), e.visitNumber(), "patientco");
        }
        Subject subject = Subject.of(a);
        if (subject.patient() == null || crosswalk.find(Crosswalk.Kind.PATIENT, subject.patient().id()).isEmpty()) {
            return; // not linked yet: sent once it is
        }
        String hash = demographicsHash(a.guarantor());
        List<String> sent = jdbc.queryForList("SELECT demographics_hash FROM bridge.adt_state WHERE account_id = ?",
                String.class, a.id());
        if (sent.isEmpty()) {
            if ("closed".equals(a.status())) {
                return;
            }
            enqueue(a, "linked", "account:" + a.id() + ":linked", flow, runId);
            jdbc.update("INSERT INTO bridge.adt_state (account_id, demographics_hash) VALUES (?, ?)", a.id(), hash);
        } else if (!sent.get(0).equals(hash)) {
            enqueue(a, "demographics", "account:" + a.id() + ":demographics:" + hash, flow, runId);
            jdbc.update("UPDATE bridge.adt_state SET demographics_hash = ?, updated_at = now() WHERE account_id = ?",
                    hash, a.id());
        }
    }

    private void enqueue(Account a, String change, String key, String flow, Long runId) {
        Subject subject = Subject.of(a);
        String trigger = "ADT";
        outbox.enqueue(new OutboundEvent(key, flow, trigger, a.guarantor().id(), null,
                List.of(a.id(), a.guarantor().id(), subject.patient().id()), subject.patient().id(), null,
                new AccountEvent(change, a, a.updatedAt() == null ? Instant.now() : a.updatedAt()), runId));
    }

    /** What the EHR keeps of the guarantor: name, address, phone, e-mail, birth date. */
    static String demographicsHash(Guarantor g) {
        String text = String.join("|", String.valueOf(g.firstName()), String.valueOf(g.middleName()),
                String.valueOf(g.lastName()), String.valueOf(g.address()), String.valueOf(g.phone()),
                String.valueOf(g.email()), String.valueOf(g.dateOfBirth()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
