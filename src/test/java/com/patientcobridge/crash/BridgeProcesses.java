package com.patientcobridge.crash;

import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.support.HapiEhr;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the tests that run the packaged bridge as separate processes share: its environment and their checks. */
final class BridgeProcesses {

    private BridgeProcesses() {
    }

    static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** Points a bridge process at the test's PostgreSQL and at the HAPI server as its EHR. */
    static void useDatabaseAndEhr(Map<String, String> env, EmbeddedPostgres pg, HapiEhr ehr) {
        env.put("SPRING_DATASOURCE_URL", pg.getJdbcUrl("postgres", "postgres"));
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "unused-by-trust-auth");
        env.put("EHR_MLLP_HOST", "127.0.0.1");
        env.put("EHR_MLLP_PORT", String.valueOf(ehr.port()));
    }

    /**
     * How many messages a kill can leave sent but not recorded, to be sent again with the same
     * MSH-10: per lane (4 by default), the ACK writer's waiting and writing windows and the one in flight.
     */
    static final int RESENT_AT_MOST = 4 * (2 * com.patientcobridge.hl7.delivery.OutboxDispatcher.ACK_WINDOW + 1);

    /** MSH-10 of every message the EHR received, duplicates included. */
    static List<String> receivedControlIds(HapiEhr ehr) throws Exception {
        List<String> received = new ArrayList<>();
        for (String m : ehr.received()) {
            received.add(new Terser(ehr.context().getPipeParser().parse(m)).get("/MSH-10"));
        }
        return received;
    }

    static boolean tableExists(JdbcTemplate jdbc, String table) {
        return count(jdbc, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'bridge' "
                + "AND table_name = '" + table + "'") > 0;
    }

    static int count(JdbcTemplate jdbc, String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
