package com.patientcobridge.hl7.delivery;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.segment.BHS;
import ca.uhn.hl7v2.model.v251.segment.BTS;
import ca.uhn.hl7v2.model.v251.segment.FHS;
import ca.uhn.hl7v2.model.v251.segment.FTS;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.DeepCopy;
import ca.uhn.hl7v2.util.Terser;
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

    /** The first message is read for its sending and receiving parties; nothing of it is checked. */
    private static final PipeParser PARSER = PipeParser.getInstanceWithNoValidation();
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
        try {
            Message message = PARSER.parse(messages.get(0));
            Segment first = (Segment) message.get("MSH");
            Terser terser = new Terser(message);
            String separator = terser.get("MSH-1");
            String encodingCharacters = terser.get("MSH-2");
            EncodingCharacters enc = new EncodingCharacters(separator.charAt(0), encodingCharacters);
            ACK holder = new ACK();
            FHS fhs = new FHS(holder, holder.getModelClassFactory());
            fhs.getFhs1_FileFieldSeparator().setValue(separator);
            fhs.getFhs2_FileEncodingCharacters().setValue(encodingCharacters);
            DeepCopy.copy(first.getField(3, 0), fhs.getFhs3_FileSendingApplication());
            DeepCopy.copy(first.getField(4, 0), fhs.getFhs4_FileSendingFacility());
            DeepCopy.copy(first.getField(5, 0), fhs.getFhs5_FileReceivingApplication());
            DeepCopy.copy(first.getField(6, 0), fhs.getFhs6_FileReceivingFacility());
            fhs.getFhs7_FileCreationDateTime().getTime().setValue(stamp);
            fhs.getFhs9_FileNameID().setValue(name);
            fhs.getFhs11_FileControlID().setValue(control);
            BHS bhs = new BHS(holder, holder.getModelClassFactory());
            bhs.getBhs1_BatchFieldSeparator().setValue(separator);
            bhs.getBhs2_BatchEncodingCharacters().setValue(encodingCharacters);
            DeepCopy.copy(first.getField(3, 0), bhs.getBhs3_BatchSendingApplication());
            DeepCopy.copy(first.getField(4, 0), bhs.getBhs4_BatchSendingFacility());
            DeepCopy.copy(first.getField(5, 0), bhs.getBhs5_BatchReceivingApplication());
            DeepCopy.copy(first.getField(6, 0), bhs.getBhs6_BatchReceivingFacility());
            bhs.getBhs7_BatchCreationDateTime().getTime().setValue(stamp);
            bhs.getBhs11_BatchControlID().setValue(control);
            BTS bts = new BTS(holder, holder.getModelClassFactory());
            bts.getBts1_BatchMessageCount().setValue(String.valueOf(messages.size()));
            FTS fts = new FTS(holder, holder.getModelClassFactory());
            fts.getFts1_FileBatchCount().setValue("1");

            StringBuilder b = new StringBuilder();
            b.append(PipeParser.encode(fhs, enc)).append('\r').append(PipeParser.encode(bhs, enc)).append('\r');
            for (String m : messages) {
                b.append(m.endsWith("\r") ? m : m + "\r");
            }
            b.append(PipeParser.encode(bts, enc)).append('\r').append(PipeParser.encode(fts, enc)).append('\r');
            return b.toString();
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI could not write the batch headers of " + name, e);
        }
    }
}
