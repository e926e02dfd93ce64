package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.MessageCharset;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * HL7 batch files for EHRs that take files instead of MLLP: FHS, BHS, the messages, BTS with their
 * count, FTS. Written with camel-file under a temporary name and renamed when complete, so the EHR's
 * file reader never picks up half a file. Sending and receiving application and facility in the
 * headers are the first message's (MSH-3 to MSH-6, from mappings/facilities.yaml).
 */
public final class BatchFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Supplier<ProducerTemplate> newProducer;
    private ProducerTemplate producer;
    private final String folderUri;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    /** {@code newProducer} is called at the first write, once Camel has started. */
    public BatchFiles(Supplier<ProducerTemplate> newProducer, String folder, Clock clock) {
        this.newProducer = newProducer;
        this.folderUri = "file:" + folder + "?tempPrefix=.writing-&fileExist=Fail";
        this.clock = clock;
    }

    /** Writes one file holding {@code messages} (one batch); returns its name. */
    public String write(int lane, List<String> messages) {
        String stamp = STAMP.format(clock.instant());
        String control = stamp + "-" + lane + "-" + sequence.incrementAndGet();
        String name = "patientco-" + control + ".hl7";
        // One batch, one charset: the messages' own (MSH-18), as the EHR's reader will take them.
        String content = content(messages, name, control, stamp);
        producer().sendBodyAndHeader(folderUri, content.getBytes(MessageCharset.of(messages.get(0))), Exchange.FILE_NAME,
                name);
        return name;
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = newProducer.get();
        }
        return producer;
    }

    static String content(List<String> messages, String name, String control, String stamp) {
        String[] msh = messages.get(0).split("\r", 2)[0].split("\\|", -1);
        String parties = field(msh, 2) + "|" + field(msh, 3) + "|" + field(msh, 4) + "|" + field(msh, 5);
        StringBuilder b = new StringBuilder();
        b.append("FHS|^~\\&|").append(parties).append('|').append(stamp).append("||").append(name).append("||")
                .append(control).append('\r');
        b.append("BHS|^~\\&|").append(parties).append('|').append(stamp).append("||||").append(control).append('\r');
        for (String m : messages) {
            b.append(m.endsWith("\r") ? m : m + "\r");
        }
        b.append("BTS|").append(messages.size()).append('\r');
        b.append("FTS|1\r");
        return b.toString();
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }
}
