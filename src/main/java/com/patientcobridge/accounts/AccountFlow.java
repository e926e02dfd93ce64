package com.patientcobridge.accounts;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.hl7.linkage.CrosswalkLinks;
import com.patientcobridge.hl7.message.AccountEvent;
import com.patientcobridge.hl7.message.Subject;
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
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts flow a page at a time: the EHR ids each account carries go into the crosswalk, the
 * account is staged, and the EHR hears of it by ADT once as it becomes linked (its patient has an
 * MRN) and again when the guarantor's demographics change. Closed accounts never sent need not be.
 */
final class AccountFlow implements PageFlow<AccountFlow.State> {

    /** What a page's accounts are decided against: the demographics last sent, the MRNs known. */
    record State(Map<String, String> sentHashes, Map<String, String> mrns) {
    }

    /** A page's writes. */
    record Plan(List<Account> accounts, List<CrosswalkLinks.Link> links, Map<String, String> sent,
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
        List<String> patients = new ArrayList<>();
        for (Account a : page.records(Account.class)) {
            accounts.add(a.id());
            list(a.patients()).forEach(p -> patients.add(p.id()));
        }
        Map<String, String> sent = new HashMap<>();
        if (!accounts.isEmpty()) {
            jdbc.query("SELECT account_id, demographics_hash FROM bridge.adt_state WHERE account_id = ANY (?::text[])",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", accounts.toArray())), rs -> {
                        sent.put(rs.getString(1), rs.getString(2));
                    });
        }
        return new State(sent, crosswalk.mrns(patients));
    }

    @Override
    public Plan plan(State state, List<RecordPage.Item> items, Holds holds, PageContext page) {
        List<Account> accounts = new ArrayList<>();
        List<CrosswalkLinks.Link> links = new ArrayList<>();
        Map<String, String> sent = new HashMap<>();
        List<OutboundEvent> events = new ArrayList<>();
        for (RecordPage.Item item : items) {
            Account a = (Account) item.record();
            accounts.add(a);
            links.add(new CrosswalkLinks.Link(Crosswalk.Kind.ACCOUNT, a.id(), a.ehrAccountNumber()));
            links.add(new CrosswalkLinks.Link(Crosswalk.Kind.GUARANTOR, a.guarantor().id(), a.guarantor().ehrGuarantorId()));
            list(a.patients()).forEach(p -> links.add(new CrosswalkLinks.Link(Crosswalk.Kind.PATIENT, p.id(), p.mrn())));
            list(a.encounters()).forEach(e -> links.add(new CrosswalkLinks.Link(Crosswalk.Kind.ENCOUNTER, e.id(),
                    e.visitNumber())));
            Subject subject = Subject.of(a);
            if (subject.patient() == null || !linked(state, subject.patient())) {
                continue; // not linked yet: sent once it is
            }
            String hash = demographicsHash(a.guarantor());
            String before = sent.containsKey(a.id()) ? sent.get(a.id()) : state.sentHashes().get(a.id());
            if (before == null) {
                if ("closed".equals(a.status())) {
                    continue;
                }
                events.add(event(a, "linked", "account:" + a.id() + ":linked", page.runId()));
                sent.put(a.id(), hash);
            } else if (!before.equals(hash)) {
                events.add(event(a, "demographics", "account:" + a.id() + ":demographics:" + hash, page.runId()));
                sent.put(a.id(), hash);
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
            String[] ids = plan.sent().keySet().toArray(String[]::new);
            String[] hashes = plan.sent().values().toArray(String[]::new);
            jdbc.update("INSERT INTO bridge.adt_state (account_id, demographics_hash) SELECT * FROM unnest(?::text[], "
                    + "?::text[]) ON CONFLICT (account_id) DO UPDATE SET demographics_hash = EXCLUDED.demographics_hash, "
                    + "updated_at = now()", ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("text", ids));
                        ps.setArray(2, ps.getConnection().createArrayOf("text", hashes));
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

    private static boolean linked(State state, Patient p) {
        return (p.mrn() != null && !p.mrn().isBlank()) || state.mrns().containsKey(p.id());
    }

    private static OutboundEvent event(Account a, String change, String key, Long runId) {
        Subject subject = Subject.of(a);
        return new OutboundEvent(key, FLOW, "ADT", a.guarantor().id(), null,
                List.of(a.id(), a.guarantor().id(), subject.patient().id()), subject.patient().id(), null,
                new AccountEvent(change, a, a.updatedAt() == null ? Instant.now() : a.updatedAt()), null, runId);
    }

    /** What the EHR keeps of the guarantor: name, address, phone, e-mail, birth date. */
    static String demographicsHash(Guarantor g) {
        String text = String.join("|", String.valueOf(g.firstName()), String.valueOf(g.middleName()),
                String.valueOf(g.lastName()), String.valueOf(g.address()), String.valueOf(g.phone()),
                String.valueOf(g.email()), String.valueOf(g.dateOfBirth()));
        return DigestUtils.sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
