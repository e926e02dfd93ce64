package com.patientcobridge.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.schedule.CycleRunner;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The outreach feed of a synced sandbox: rows of every kind the rule in mappings/outreach.yaml
 * names, each with a channel the account's preferences allow and no opt-out refused (checked
 * against the staged records, not the feed's own code), a new opt-out moving a row to the next
 * channel, and the file written by camel-file holding the API's rows.
 */
@BridgeSpringTest
@TestPropertySource(properties = "bridge.outreach.dir=target/test-data/outreach")
class OutreachFeedTest {

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;
    @Autowired OutreachFeed feed;
    @Autowired ProducerTemplate camel;

    @Test
    void everyRowHasAChannelThePatientAllowsAndTheFileHoldsTheRows() throws Exception {
        cycle.runCycle("test", Duration.ofMinutes(3));
        // The sandbox's today: its latest statement date.
        LocalDate day = jdbc.queryForObject("SELECT max(statement_date) FROM staging.statement", java.sql.Date.class)
                .toLocalDate();
        List<Map<String, Object>> rows = feed.rows(day);
        Map<Object, Long> kinds = rows.stream().collect(Collectors.groupingBy(r -> r.get("kind"), Collectors.counting()));
        assertThat(kinds.keySet()).contains("new_statement", "plan_eligible");
        // Three months on, the latest statements are more than 30 days past due: unpaid ones are overdue balances.
        assertThat(feed.rows(day.plusDays(90))).anySatisfy(r -> assertThat(r.get("kind")).isEqualTo("overdue_balance"))
                .noneSatisfy(r -> assertThat(r.get("kind")).isEqualTo("new_statement"));
        // On the day after a plan's installment failed, the failed draft is a row.
        java.sql.Date failed = jdbc.queryForObject("SELECT max((i ->> 'dueDate')::date) FROM staging.payment_plan p, "
                + "jsonb_array_elements(p.installments) i WHERE i ->> 'status' = 'failed'", java.sql.Date.class);
        assertThat(failed).as("the sandbox has a failed draft").isNotNull();
        assertThat(feed.rows(failed.toLocalDate().plusDays(1)))
                .anySatisfy(r -> assertThat(r.get("kind")).isEqualTo("failed_draft"));
        for (Map<String, Object> r : rows) {
            String channel = (String) r.get("channel");
            String account = (String) r.get("account_id");
            if (channel.equals("none")) {
                for (String c : List.of("sms", "email", "paper")) {
                    assertThat(allowed(account, c)).as("%s could have had %s", account, c).isFalse();
                }
            } else {
                assertThat(allowed(account, channel)).as("%s by %s", account, channel).isTrue();
            }
            assertThat(r.get("guarantor_id")).isNotNull();
        }

        // The guarantor opts out of the channel a row was to use: the row moves on, never to it.
        Map<String, Object> row = rows.stream().filter(r -> !"none".equals(r.get("channel"))).findFirst().orElseThrow();
        String account = (String) row.get("account_id");
        String refused = (String) row.get("channel");
        jdbc.update("INSERT INTO staging.communication (id, account_id, channel, type, status, updated_at) "
                + "VALUES ('com_optout_test', ?, ?, 'reminder', 'opted_out', now())", account, refused);
        assertThat(feed.rows(day)).filteredOn(r -> account.equals(r.get("account_id")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("channel")).isNotEqualTo(refused));

        camel.sendBodyAndHeader("direct:outreach-file", null, "OutreachDate", day.toString());
        Path file = Path.of("target/test-data/outreach/outreach-" + day + ".csv");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8))).getRecords();
        List<Map<String, Object>> now = feed.rows(day);
        assertThat(records).hasSize(now.size());
        assertThat(records.get(0).toMap().keySet()).containsExactly(OutreachFeed.COLUMNS);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).get("account_id")).isEqualTo(now.get(i).get("account_id"));
            assertThat(records.get(i).get("channel")).isEqualTo(now.get(i).get("channel"));
        }
    }

    /** Whether the staged account allows the channel and no communication says the guarantor opted out of it. */
    private boolean allowed(String account, String channel) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT coalesce((record -> 'communicationPreferences' ->> ?)::boolean, "
                + "false) AND NOT EXISTS (SELECT 1 FROM staging.communication c WHERE c.account_id = a.id AND c.channel = ? "
                + "AND c.status = 'opted_out') FROM staging.account a WHERE a.id = ?", Boolean.class, channel, channel,
                account));
    }
}
