package com.patientcobridge.bench;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PostgreSQL half of the profile ({@code BENCH_PG_PROFILE=1}): what each statement cost per
 * message, from pg_stat_statements, which the bridge's embedded server then preloads. Execution
 * time is wall time inside the server, so on a busy machine it includes waiting for a core.
 */
final class PgStatements {

    /** One normalised statement: calls and execution time over the phase. */
    record Statement(String query, long calls, double totalMs, long rows) {
    }

    private static final boolean ENABLED = "1".equals(System.getenv("BENCH_PG_PROFILE"));
    static final String PRELOAD_ARG = "--bridge.embedded-postgres.preload-libraries=pg_stat_statements";

    private PgStatements() {
    }

    static boolean enabled() {
        return ENABLED;
    }

    static void reset(JdbcTemplate jdbc) {
        jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        jdbc.query("SELECT pg_stat_statements_reset()", rs -> null);
    }

    /** Every statement since the reset but the profile's own, costliest first. */
    static List<Statement> all(JdbcTemplate jdbc) {
        return jdbc.query("SELECT query, calls, total_exec_time + total_plan_time AS ms, rows FROM pg_stat_statements "
                + "WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC",
                (rs, i) -> new Statement(rs.getString("query"), rs.getLong("calls"), rs.getDouble("ms"),
                        rs.getLong("rows")));
    }

    /** Statements run for each page of {@code pageSize} payments, from all of a pass's statements. */
    static double perPage(List<Statement> statements, int payments, int pageSize) {
        long calls = statements.stream().mapToLong(Statement::calls).sum();
        return payments == 0 ? Double.NaN : calls / ((double) payments / pageSize);
    }

    /** A markdown table: per message, how often the costliest statements ran and how long they took. */
    static void table(StringBuilder s, int n, int messages, List<Statement> every) {
        if (every.isEmpty() || messages == 0) {
            return;
        }
        List<Statement> statements = every.subList(0, Math.min(15, every.size()));
        double all = statements.stream().mapToDouble(Statement::totalMs).sum();
        s.append(String.format(Locale.ROOT, "%nPostgreSQL statements, N = %d, bridge to HAPI (pg_stat_statements, "
                + "execution and planning time; the top %d make %.0f ms in all, %.3f ms a message):%n%n", n,
                statements.size(), all, all / messages));
        s.append("| statement | calls a message | ms a message | share | rows a call |\n");
        s.append("| --- | ---: | ---: | ---: | ---: |\n");
        for (Statement st : statements) {
            s.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.3f | %.0f%% | %.1f |%n", shorten(st.query()),
                    (double) st.calls() / messages, st.totalMs() / messages, 100 * st.totalMs() / all,
                    st.calls() == 0 ? 0.0 : (double) st.rows() / st.calls()));
        }
    }

    private static String shorten(String query) {
        String q = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'").trim();
        return q.length() <= 110 ? q : q.substring(0, 107) + "...";
    }
}
