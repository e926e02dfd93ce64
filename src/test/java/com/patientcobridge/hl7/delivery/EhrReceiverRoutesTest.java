package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.preparser.PreParser;
import com.patientcobridge.support.HapiEhr;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local EHR receiver as a route: what camel-hl7 reads is kept as it came, in its own charset,
 * under its MSH-10, and answered with camel-hl7's ACK; what it cannot read is answered AR.
 */
class EhrReceiverRoutesTest {

    @TempDir
    Path inbox;
    DefaultCamelContext camel;
    int port;

    @BeforeEach
    void start() throws Exception {
        port = HapiEhr.freePort();
        camel = new DefaultCamelContext();
        camel.addRoutes(new EhrReceiverRoutes(port, inbox.toString()));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    /** Sends bytes over MLLP with camel-mllp's producer and returns the ACK's text. */
    String send(byte[] frame, Charset charset) {
        org.apache.camel.Exchange done = camel.createProducerTemplate().send("mllp://127.0.0.1:" + port
                + "?validatePayload=false", e -> {
                    e.setProperty(org.apache.camel.ExchangePropertyKey.CHARSET_NAME, charset.name());
                    e.getIn().setBody(frame);
                });
        return done.getMessage().getHeader(MllpConstants.MLLP_ACKNOWLEDGEMENT_STRING, String.class);
    }

    @Test
    void aMessageIsKeptAsItCameAndAcceptedWithItsControlId() throws Exception {
        String message = "MSH|^~\\&|PATIENTCO|PCO|EHR|HOSP|20261203120000||ADT^A08^ADT_A01|PCB/42|P|2.5.1|||||USA|8859/1\r"
                + "EVN|A08|20261203120000\r"
                + "PID|1||pat_1^^^PATIENTCO^PI||Núñez^José||19800101|M\r";
        byte[] latin1 = message.getBytes(StandardCharsets.ISO_8859_1);
        NotifyBuilder stored = new NotifyBuilder(camel).fromRoute("local-ehr-receiver").whenCompleted(1).create();

        String ack = send(latin1, StandardCharsets.ISO_8859_1);

        assertThat(stored.matches(10, TimeUnit.SECONDS)).isTrue();
        String[] msa = PreParser.getFields(ack, "MSA-1", "MSA-2");
        assertThat(msa).containsExactly("AA", "PCB/42");
        // The file name is the MSH-10, made safe; the bytes are the sender's, in the charset MSH-18 names.
        assertThat(Files.readAllBytes(inbox.resolve("PCB_42.hl7"))).isEqualTo(latin1);
    }

    @Test
    void whatCamelHl7CannotReadIsRejected() throws Exception {
        NotifyBuilder answered = new NotifyBuilder(camel).fromRoute("local-ehr-receiver").whenDone(1).create();

        String ack = send("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);

        assertThat(answered.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(PreParser.getFields(ack, "MSA-1")[0]).isEqualTo("AR");
        try (var files = Files.list(inbox)) {
            assertThat(files.filter(f -> f.toString().endsWith(".hl7"))).isEmpty();
        }
    }
}
