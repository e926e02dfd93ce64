package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.support.TestDatabase;
import com.patientcobridge.system.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lane's next rows in a large outbox whose statistics were taken in another state: the bridge
 * refreshes them as rows are added and acknowledged, and the read then visits the rows it returns,
 * not the whole table. (Rows visited, from the plan, not time.)
 */
class OutboxNextTest {

    static final int ROWS = 60_000;

    TestDatabase db;
    OutboxStatistics statistics;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        statistics = new OutboxStatistics(db.jdbc);
    }

    @AfterEach
    void tearDown() {
        statistics.close();
    }

    @Test
    void aRunThatAddsManyRowsToAnOutboxOfAcknowledgedOnesReadsFewRows() throws Exception {
        insert(ROWS, "acked");
        db.jdbc.execute("ANALYZE bridge.outbox");
        // The nightly run: its rows arrive in a table whose statistics say none is unsent.
        insert(20_000, "pending");

        added(20_000);

        assertNextReadsFewRows();
    }

    @Test
    void aLongReadWhoseRowsAreThenAcknowledgedReadsFewRows() throws Exception {
        insert(ROWS, "pending");
        db.jdbc.execute("ANALYZE bridge.outbox");
        // Statistics taken while every row waited; then all but the last 40 are delivered.
        int acked = db.jdbc.update("UPDATE bridge.outbox SET status = 'acked' WHERE id <= (SELECT max(id) - 40 "
                + "FROM bridge.outbox)");

        added(acked);

        assertNextReadsFewRows();
    }

    @Test
    void anAnalysisSamplesThePlannedColumnsAndNoMessageBody() {
        insert(ROWS, "pending");

        added(ROWS);

        List<String> analysed = db.jdbc.queryForList("SELECT attname FROM pg_stats WHERE schemaname = 'bridge' "
                + "AND tablename = 'outbox' ORDER BY attname", String.class);
        assertThat(analysed).contains("status", "lane", "order_key", "created_at", "run_id")
                .doesNotContain("event_json", "hl7", "event_key", "msh10");
        // A sample of 6,000 rows: the statistics target of 20, not the server's 100 (30,000 rows).
        Integer buckets = db.jdbc.queryForObject("SELECT array_length(histogram_bounds::text::bigint[], 1) FROM pg_stats "
                + "WHERE schemaname = 'bridge' AND tablename = 'outbox' AND attname = 'id'", Integer.class);
        assertThat(buckets).isLessThanOrEqualTo(21);
    }

    private void insert(int n, String status) {
        db.jdbc.update("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, msh10, event_json, "
                + "status) SELECT 'payment:pay_' || s.i || ':captured', 'payment-records', 'DFT^P03', 'gtr_' || (s.i % 7000), "
                + "0, 'PCB' || s.i, '{}'::json, ? FROM (SELECT nextval('bridge.msh10_seq') AS i FROM generate_series(1, ?)) s",
                status, n);
    }

    private void added(int rows) {
        long before = statistics.analyses();
        statistics.changed(rows);
        await().atMost(Duration.ofSeconds(30)).until(() -> statistics.analyses() > before);
    }

    private void assertNextReadsFewRows() throws Exception {
        List<OutboxRow> next = new OutboxRows(db.jdbc).next(0, 16);
        assertThat(next).hasSize(16);
        assertThat(next).extracting(OutboxRow::id).isSorted();
        long firstUnsent = db.jdbc.queryForObject("SELECT min(id) FROM bridge.outbox WHERE status = 'pending'", Long.class);
        assertThat(next.get(0).id()).isEqualTo(firstUnsent);
        String plan = db.jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + OutboxRows.NEXT.replaceFirst("\\?", "0")
                .replaceFirst("\\?", "16"), String.class);
        assertThat(rowsVisited(Json.MAPPER.readTree(plan).get(0).get("Plan")))
                .as("rows the read visited, of %d in the table", ROWS).isLessThan(2_000);
    }

    /** Every row a plan node returned or removed by a filter, summed over the tree and its loops. */
    private static long rowsVisited(JsonNode node) {
        long loops = Math.max(1, node.path("Actual Loops").asLong());
        long n = (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                + node.path("Rows Removed by Join Filter").asLong()) * loops + node.path("Heap Fetches").asLong();
        for (JsonNode child : node.path("Plans")) {
            n += rowsVisited(child);
        }
        return n;
    }
}
