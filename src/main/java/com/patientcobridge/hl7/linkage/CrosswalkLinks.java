package com.patientcobridge.hl7.linkage;

import com.patientcobridge.hl7.Crosswalk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A page's links into {@code bridge.crosswalk}, in one statement, and the MRNs of a page's patients,
 * in one query. The EHR's own word (source 'ehr') is never overwritten by Patientco's.
 */
public final class CrosswalkLinks {

    /** One link: a Patientco id of a kind and the EHR id it is known by. */
    public record Link(Crosswalk.Kind kind, String patientcoId, String ehrId) {
    }

    private final JdbcTemplate jdbc;

    public CrosswalkLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The MRNs the crosswalk holds for these patients. */
    public Map<String, String> mrns(Collection<String> patientIds) {
        Map<String, String> mrns = new HashMap<>();
        if (!patientIds.isEmpty()) {
            jdbc.query("SELECT patientco_id, ehr_id FROM bridge.crosswalk WHERE kind = 'patient' "
                    + "AND patientco_id = ANY (?::text[])",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", patientIds.toArray())),
                    rs -> {
                        mrns.put(rs.getString(1), rs.getString(2));
                    });
        }
        return mrns;
    }

    /** Sets the links Patientco gives (blank EHR ids are not links); returns how many changed. */
    public int linkAll(List<Link> links) {
        List<Link> real = links.stream().filter(l -> l.ehrId() != null && !l.ehrId().isBlank()).toList();
        if (real.isEmpty()) {
            return 0;
        }
        String[] kinds = real.stream().map(l -> l.kind().name().toLowerCase()).toArray(String[]::new);
        String[] ids = real.stream().map(Link::patientcoId).toArray(String[]::new);
        String[] ehr = real.stream().map(Link::ehrId).toArray(String[]::new);
        return jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge.crosswalk (kind, patientco_id, ehr_id, "
                    + "source) SELECT DISTINCT ON (u.kind, u.id) u.kind, u.id, u.ehr_id, 'patientco' FROM unnest(?::text[], "
                    + "?::text[], ?::text[]) WITH ORDINALITY AS u(kind, id, ehr_id, n) ORDER BY u.kind, u.id, u.n DESC "
                    + "ON CONFLICT (kind, patientco_id) DO UPDATE SET ehr_id = EXCLUDED.ehr_id, source = EXCLUDED.source, "
                    + "updated_at = now() WHERE bridge.crosswalk.ehr_id <> EXCLUDED.ehr_id "
                    + "AND bridge.crosswalk.source <> 'ehr'")) {
                ps.setArray(1, c.createArrayOf("text", kinds));
                ps.setArray(2, c.createArrayOf("text", ids));
                ps.setArray(3, c.createArrayOf("text", ehr));
                return ps.executeUpdate();
            }
        });
    }
}
