package com.patientcobridge.hl7.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.Hl7Config;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import com.patientcobridge.support.HapiEhr;
import com.patientcobridge.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EHR's ADT listener over a real socket: every frame gets an acknowledgement, AA only when the
 * crosswalk now says what the message says, AE with a plain reason when it cannot be applied, AR
 * for what is not an ADT the bridge takes (or not HL7 at all).
 */
class EhrAdtListenerTest {

    static TestDatabase db;
    static DefaultCamelContext camel;
    static PostgresCrosswalk crosswalk;
    static int port;
    static final AtomicInteger releases = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        crosswalk = new PostgresCrosswalk(db.jdbc);
        port = HapiEhr.freePort();
        camel = new DefaultCamelContext();
        camel.addRoutes(new InboundAdtRoutes("127.0.0.1", port, "", new EhrAdtFeed(crosswalk, releases::incrementAndGet)));
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    static final String MSH = "MSH|^~\\&|EPIC|PRMC|PATIENTCO|PCO|20261110120000||";

    @Test
    void aRegistrationLinksThePatientcoPatientToItsMrnAndIsAnsweredAa() throws Exception {
        String a04 = MSH + "ADT^A04^ADT_A01|E1|P|2.5.1\rEVN|A04|20261110120000\r"
                + "PID|1||MRN100^^^PRMC^MR~pat_100^^^PATIENTCO^PI||Okafor^Chidi\r";
        String ack = send(a04);
        assertThat(code(ack)).isEqualTo("AA");
        assertThat(field(ack, "/MSA-2")).isEqualTo("E1");
        assertThat(crosswalk.find(Crosswalk.Kind.PATIENT, "pat_100")).contains("MRN100");
        assertThat(releases.get()).isPositive();
    }

    @Test
    void aRegistrationWithoutPid3IsAnsweredAeWithAPlainReason() throws Exception {
        String ack = send(MSH + "ADT^A04^ADT_A01|E2|P|2.5.1\rEVN|A04|20261110120000\rPID|1||||Okafor^Chidi\r");
        assertThat(code(ack)).isEqualTo("AE");
        assertThat(field(ack, "/MSA-3")).isEqualTo("PID-3 is empty: no patient to link").doesNotContain("Exception");
        assertThat(ack).doesNotContain("Okafor");
    }

    @Test
    void anMshAloneIsAnsweredAeNotSilence() throws Exception {
        String ack = send(MSH + "ADT^A08^ADT_A01|E3|P|2.5.1\r");
        assertThat(code(ack)).isEqualTo("AE");
        assertThat(field(ack, "/MSA-2")).isEqualTo("E3");
    }

    @Test
    void aMergeOfAnUnknownMrnIsAnsweredAeAndAKnownOneMovesTheLinks() throws Exception {
        String unknown = MSH + "ADT^A40^ADT_A39|E4|P|2.5.1\rEVN|A40|20261110120000\rPID|1||MRN-NEW^^^PRMC^MR\r"
                + "MRG|MRN-NOBODY^^^PRMC^MR\r";
        String ack = send(unknown);
        assertThat(code(ack)).isEqualTo("AE");
        assertThat(field(ack, "/MSA-3")).contains("not linked");

        crosswalk.link(Crosswalk.Kind.PATIENT, "pat_200", "MRN-OLD", "ehr");
        String known = MSH + "ADT^A40^ADT_A39|E5|P|2.5.1\rEVN|A40|20261110120000\rPID|1||MRN-NEW^^^PRMC^MR\r"
                + "MRG|MRN-OLD^^^PRMC^MR\r";
        assertThat(code(send(known))).isEqualTo("AA");
        assertThat(crosswalk.find(Crosswalk.Kind.PATIENT, "pat_200")).contains("MRN-NEW");
    }

    @Test
    void aMessageTypeTheBridgeDoesNotTakeIsAnsweredAr() throws Exception {
        String oru = MSH + "ORU^R01^ORU_R01|E6|P|2.5.1\rPID|1||MRN100^^^PRMC^MR\r";
        String ack = send(oru);
        assertThat(code(ack)).isEqualTo("AR");
        assertThat(field(ack, "/MSA-2")).isEqualTo("E6");
        assertThat(field(ack, "/MSA-3")).contains("ORU").doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void textThatIsNotHl7IsAnsweredAr() throws Exception {
        String ack = send("GET / HTTP/1.1");
        assertThat(code(ack)).isEqualTo("AR");
        assertThat(field(ack, "/MSA-3")).contains("not an HL7 v2 message");
    }

    /**
     * camel-mllp cannot acknowledge a frame shorter than an MSH's first field (it reads its field
     * separator): the sender learns at once, by the connection closing, instead of waiting out a timeout.
     */
    @Test
    void anEmptyFrameClosesTheConnectionAtOnce() {
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send("")).isInstanceOf(java.io.IOException.class);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    /** One MLLP frame over a plain socket, and the frame that comes back. */
    static String send(String message) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(0x0b);
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0x1c, 0x0d});
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != 0x1c) {
                if (b < 0) {
                    throw new java.io.IOException("connection closed without an acknowledgement");
                }
                if (b != 0x0b) {
                    ack.write(b);
                }
            }
            return ack.toString(StandardCharsets.UTF_8);
        }
    }

    static String code(String ack) throws Exception {
        return field(ack, "/MSA-1");
    }

    static String field(String ack, String path) throws Exception {
        return new Terser(Hl7Config.newContext().getGenericParser().parse(ack)).get(path);
    }
}
