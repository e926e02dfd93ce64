package com.patientcobridge.accounts;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.hl7.linkage.CrosswalkLinks;
import com.patientcobridge.hl7.message.AccountEvent;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.Guarantor;
import com.patientcobridge.model.Patient;
import com.patientcobridge.pages.Holds;
import com.patientcobridge.pages.PageContext;
import com.patientcobridge.pages.PageFlow;
import com.patientcobridge.patientco.RecordPage;
import com.patientcobridge.staging.StagedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts flow a page at a time: the EHR ids each account carries go into the crosswalk, the
 * account is staged, and the EHR hears of each of its patients by ADT: once when first read (the
 * message waits in the outbox until the patient has an MRN, from Patientco or from the EHR's own
 * ADT), again when the patient's record changes (demographics) or only the guarantor's does
 * (guarantor). Closed accounts never sent need not be.
 */
final class AccountFlow implements PageFlow<AccountFlow.State> {

    /** What was last sent for one patient of an account: the patient's hash (null when not known yet) and the guarantor's. */
    record Sent(String patientHash, String guarantorHash) {
    }

    /** What a page's accounts are decided against: what was last sent, by account and patient. */
    record State(Map<String, Sent> sent) {
    }

    /** A page's writes; {@code sent} by account and patient. */
    record Plan(List<Account> accounts, List<CrosswalkLinks.Link> links, Map<String, Sent> sent,
            List<OutboundEvent> events) implements PageFlow.Plan {
        @Override
        public int staged() {
            return accounts.size();
        }

        @Override
        public List<PageDeadLetters.Entry> deadLetters() {
            return List.of();
        }
    }

    static final String FLOW = "account-records";
    private final JdbcTemplate jdbc;
    private final CrosswalkLinks crosswalk;
    private final Outbox outbox;

    AccountFlow(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.crosswalk = new CrosswalkLinks(jdbc);
        this.outbox = outbox;
    }

    @Override
    public String flow() {
        return FLOW;
    }

    @Override
    public State load(RecordPage page) {
        List<String> accounts = new ArrayList<>();
        for (Account a : page.records(Account.class)) {
            accounts.add(a.id());
        }
        Map<String, Sent> sent = new HashMap<>();
        if (!accounts.isEmpty()) {
            jdbc.query("SELECT account_id, patient_id, patient_hash, guarantor_hash FROM bridge.adt_state "
                    + "WHERE account_id = ANY (?::text[])",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", accounts.toArray())), rs -> {
                        sent.put(key(rs.getString(1), rs.getString(2)), new Sent(rs.getString(3), rs.getString(4)));
                    });
        }
        return new State(sent);
    }

    @Override
    public Plan plan(State state, List<RecordPage.Item> items, Holds holds, PageContext page) {
        List<Account> accounts = new ArrayList<>();
        List<CrosswalkLinks.Link> links = new ArrayList<>();
        Map<String, Sent> sent = new LinkedHashMap<>();
        List<OutboundEvent> events = new ArrayList<>();
        for (RecordPage.Item item : items) {
            Account a = (Account) item.record();
            accounts.add(a);
            links.add(new CrosswalkLinks.Link(Crosswalk.Kind.ACCOUNT, a.id(), a.ehrAccountNumber()));
            links.add(new CrosswalkLinks.Link(Crosswalk.Kind.GUARANTOR, a.guarantor().id(), a.guarantor().ehrGuarantorId()));
            list(a.patients()).forEach(p -> links.add(new CrosswalkLinks.Link(Crosswalk.Kind.PATIENT, p.id(), p.mrn())));
            list(a.encounters()).forEach(e -> links.add(new CrosswalkLinks.Link(Crosswalk.Kind.ENCOUNTER, e.id(),
                    e.visitNumber())));
            String guarantorHash = guarantorHash(a.guarantor());
            for (Patient p : list(a.patients())) {
                String key = key(a.id(), p.id());
                Sent before = sent.containsKey(key) ? sent.get(key) : state.sent().get(key);
                Sent now = new Sent(patientHash(p), guarantorHash);
                if (before == null) {
                    if ("closed".equals(a.status())) {
                        continue;
                    }
                    events.add(event(a, p, "linked", "account:" + a.id() + ":linked:" + p.id(), page.runId()));
                } else if (before.patientHash() != null && !before.patientHash().equals(now.patientHash())) {
                    events.add(event(a, p, "demographics", "account:" + a.id() + ":demographics:" + p.id() + ":"
                            + now.patientHash() + now.guarantorHash(), page.runId()));
                } else if (!before.guarantorHash().equals(now.guarantorHash())) {
                    events.add(event(a, p, "guarantor", "account:" + a.id() + ":guarantor:" + p.id() + ":"
                            + now.guarantorHash(), page.runId()));
                } else if (before.patientHash() != null) {
                    continue;
                }
                sent.put(key, now);
            }
        }
        return new Plan(accounts, links, sent, events);
    }

    @Override
    public void write(PageFlow.Plan p) {
        Plan plan = (Plan) p;
        StagedRecords.ACCOUNTS.upsert(jdbc, plan.accounts());
        crosswalk.linkAll(plan.links());
        if (!plan.sent().isEmpty()) {
            int n = plan.sent().size();
            String[] accounts = new String[n];
            String[] patients = new String[n];
            String[] patientHashes = new String[n];
            String[] guarantorHashes = new String[n];
            int i = 0;
            for (Map.Entry<String, Sent> e : plan.sent().entrySet()) {
                String[] ids = e.getKey().split("\\|", 2);
                accounts[i] = ids[0];
                patients[i] = ids[1];
                patientHashes[i] = e.getValue().patientHash();
                guarantorHashes[i] = e.getValue().guarantorHash();
                i++;
            }
            jdbc.update("INSERT INTO bridge.adt_state (account_id, patient_id, patient_hash, guarantor_hash) "
                    + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) ON CONFLICT (account_id, "
                    + "patient_id) DO UPDATE SET patient_hash = EXCLUDED.patient_hash, "
                    + "guarantor_hash = EXCLUDED.guarantor_hash, updated_at = now()", ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("text", accounts));
                        ps.setArray(2, ps.getConnection().createArrayOf("text", patients));
                        ps.setArray(3, ps.getConnection().createArrayOf("text", patientHashes));
                        ps.setArray(4, ps.getConnection().createArrayOf("text", guarantorHashes));
                    });
        }
        outbox.enqueueAll(plan.events());
    }

    /** An account is never held back; a malformed one holds back its payments until it is read right. */
    @Override
    public List<String> holdKeys(State state, RecordPage.Item item) {
        return List.of();
    }

    @Override
    public List<String> holdKeys(State state, RecordPage.Malformed m) {
        return m.id() == null ? List.of() : List.of("account:" + m.id());
    }

    private static String key(String accountId, String patientId) {
        return accountId + "|" + patientId;
    }

    private static OutboundEvent event(Account a, Patient p, String change, String key, Long runId) {
        return new OutboundEvent(key, FLOW, "ADT", a.guarantor().id(), null, List.of(a.id(), a.guarantor().id(), p.id()),
                p.id(), null, new AccountEvent(change, a, a.updatedAt() == null ? Instant.now() : a.updatedAt(), p.id()),
                null, runId);
    }

    /** What the EHR keeps of the guarantor: name, address, phone, e-mail, birth date. */
    static String guarantorHash(Guarantor g) {
        return hash(String.valueOf(g.firstName()), String.valueOf(g.middleName()), String.valueOf(g.lastName()),
                String.valueOf(g.address()), String.valueOf(g.phone()), String.valueOf(g.email()),
                String.valueOf(g.dateOfBirth()));
    }

    /** What the EHR keeps of the patient from Patientco: name, birth date, sex, relationship to the guarantor. */
    static String patientHash(Patient p) {
        return hash(String.valueOf(p.firstName()), String.valueOf(p.lastName()), String.valueOf(p.dateOfBirth()),
                String.valueOf(p.sex()), String.valueOf(p.relationshipToGuarantor()));
    }

    private static String hash(String... parts) {
        return DigestUtils.sha256Hex(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
