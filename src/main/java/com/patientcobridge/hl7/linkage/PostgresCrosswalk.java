package com.patientcobridge.hl7.linkage;

import com.patientcobridge.hl7.Crosswalk;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The crosswalk in {@code bridge.crosswalk}; the EHR's own word (source 'ehr') is never overwritten by Patientco's. */
public class PostgresCrosswalk implements Crosswalk {

    private final JdbcTemplate jdbc;

    public PostgresCrosswalk(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> find(Kind kind, String patientcoId) {
        List<String> ids = jdbc.queryForList("SELECT ehr_id FROM bridge.crosswalk WHERE kind = ? AND patientco_id = ?",
                String.class, kind.name().toLowerCase(), patientcoId);
        return ids.stream().findFirst();
    }

    @Override
    public Map<Key, String> findAll(java.util.Collection<Key> keys) {
        Map<Key, String> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<Key> list = new ArrayList<>(keys);
        jdbc.query("SELECT c.kind, c.patientco_id, c.ehr_id FROM bridge.crosswalk c "
                + "JOIN unnest(?::text[], ?::text[]) AS k(kind, id) ON c.kind = k.kind AND c.patientco_id = k.id", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text",
                            list.stream().map(k -> k.kind().name().toLowerCase()).toArray()));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", list.stream().map(Key::patientcoId).toArray()));
                }, rs -> {
                    found.put(new Key(Kind.valueOf(rs.getString(1).toUpperCase()), rs.getString(2)), rs.getString(3));
                });
        return found;
    }

    @Override
    public Map<Kind, String> find(Map<Kind, String> patientcoIds) {
        Map<Kind, String> found = new EnumMap<>(Kind.class);
        if (patientcoIds.isEmpty()) {
            return found;
        }
        List<Kind> kinds = new ArrayList<>(patientcoIds.keySet());
        jdbc.query("SELECT c.kind, c.ehr_id FROM bridge.crosswalk c JOIN unnest(?::text[], ?::text[]) AS k(kind, id) "
                + "ON c.kind = k.kind AND c.patientco_id = k.id", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text",
                            kinds.stream().map(k -> k.name().toLowerCase()).toArray()));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", kinds.stream().map(patientcoIds::get).toArray()));
                }, rs -> {
                    found.put(Kind.valueOf(rs.getString(1).toUpperCase()), rs.getString(2));
                });
        return found;
    }

    @Override
    public boolean link(Kind kind, String patientcoId, String ehrId, String source) {
        if (ehrId == null || ehrId.isBlank()) {
            return false;
        }
        return jdbc.update("INSERT INTO bridge.crosswalk (kind, patientco_id, ehr_id, source) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (kind, patientco_id) DO UPDATE SET ehr_id = EXCLUDED.ehr_id, source = EXCLUDED.source, "
                + "updated_at = now() WHERE bridge.crosswalk.ehr_id <> EXCLUDED.ehr_id "
                + "AND (EXCLUDED.source = 'ehr' OR bridge.crosswalk.source <> 'ehr')",
                kind.name().toLowerCase(), patientcoId, ehrId, source) > 0;
    }

    /** An A40 merge: every link that pointed at the old EHR id now points at the survivor. */
    public int merge(Kind kind, String oldEhrId, String newEhrId) {
        return jdbc.update("UPDATE bridge.crosswalk SET ehr_id = ?, source = 'ehr', updated_at = now() "
                + "WHERE kind = ? AND ehr_id = ?", newEhrId, kind.name().toLowerCase(), oldEhrId);
    }

    /** The Patientco ids linked to an EHR id (e.g. the patients with this MRN). */
    public List<String> patientcoIds(Kind kind, String ehrId) {
        return jdbc.queryForList("SELECT patientco_id FROM bridge.crosswalk WHERE kind = ? AND ehr_id = ?", String.class,
                kind.name().toLowerCase(), ehrId);
    }
}
