package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Hl7InputStreamMessageIterator;
import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.schedule.JobRun;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** ehr.delivery=file: a cycle's messages land in complete HL7 batch files, each message once. */
@BridgeSpringTest
class BatchFileDeliveryTest {

    static final Path FOLDER = Path.of("target/test-data/ehr-files-" + System.nanoTime());

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;
    @Autowired HapiContext hapi;

    @DynamicPropertySource
    static void fileMode(DynamicPropertyRegistry registry) {
        registry.add("ehr.delivery", () -> "file");
        registry.add("ehr.file.dir", FOLDER::toString);
    }

    @Test
    void everyMessageIsInOneCompleteBatchFile() throws Exception {
        List<JobRun> runs = cycle.runCycle("test", Duration.ofMinutes(3));
        assertThat(runs).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("ok"));
        Integer acked = jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE status = 'acked' "
                + "AND ack_code = 'FILE'", Integer.class);
        assertThat(acked).isGreaterThan(100);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE status IN ('pending', 'sent', 'dead')",
                Integer.class)).isZero();

        List<Path> files;
        try (Stream<Path> listed = Files.list(FOLDER)) {
            files = listed.sorted().toList();
        }
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString())
                .as("no temporary file left").startsWith("patientco-").endsWith(".hl7"));
        Set<String> controlIds = new HashSet<>();
        for (Path file : files) {
            String text = Files.readString(file);
            List<String> segments = List.of(text.split("\r"));
            assertThat(segments.get(0)).startsWith("FHS|^~\\&|").contains(file.getFileName().toString());
            assertThat(segments.get(1)).startsWith("BHS|^~\\&|");
            assertThat(segments.get(segments.size() - 1)).isEqualTo("FTS|1");
            long messages = segments.stream().filter(s -> s.startsWith("MSH|")).count();
            assertThat(segments.get(segments.size() - 2)).isEqualTo("BTS|" + messages);
            // HAPI's own batch reader skips the file and batch segments and parses every message.
            Hl7InputStreamMessageIterator read = new Hl7InputStreamMessageIterator(new StringReader(text), hapi);
            int parsed = 0;
            while (read.hasNext()) {
                Message m = read.next();
                assertThat(controlIds.add(new Terser(m).get("/MSH-10"))).as("each MSH-10 in one file only").isTrue();
                parsed++;
            }
            assertThat(parsed).isEqualTo(messages);
        }
        assertThat(controlIds).hasSize(acked);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT ack_body) FROM bridge.message_store WHERE "
                + "ack_code = 'FILE'", Integer.class)).isEqualTo(files.size());
    }
}
