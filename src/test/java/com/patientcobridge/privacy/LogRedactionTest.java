package com.patientcobridge.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's last line of defence, through the bridge's own logback.xml: a library that prints a
 * frame, a database error quoting a row, an exception quoting a refused value all reach the console
 * without the PHI or card number they carried.
 */
class LogRedactionTest {

    static final String HL7 = "MSH|^~\\&|PCB|PRMC|EPIC|PRMC|20261110||DFT^P03|PCB1|P|2.5.1<CR>PID|1||MRN4242^^^PRMC^MR"
            + "||Müller^Jürgen||19700102|M";

    @Test
    void camelMllpsPrintedFrameIsNotWrittenOnlyItsPattern() {
        String out = captured(() -> LoggerFactory.getLogger("org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable")
                .warn("Partial {} byte payload received {}", 120, HL7));
        assertThat(out).contains("Partial [").contains("byte payload received").doesNotContain("Müller")
                .doesNotContain("MRN4242").doesNotContain("19700102");
    }

    @Test
    void hl7InAnyLineAndCardNumbersAreTakenOut() {
        Logger log = LoggerFactory.getLogger(LogRedactionTest.class);
        String out = captured(() -> {
            log.warn("sent {}", HL7.replace("<CR>", "\r"));
            log.warn("paid with card {}", "4111 1111 1111 1111");
        });
        assertThat(out).contains("MSH|[redacted]").doesNotContain("Müller").doesNotContain("MRN4242")
                .doesNotContain("4111 1111 1111 1111").contains("**** **** **** 1111");
    }

    @Test
    void anExceptionsQuotedValuesAndARowPostgresqlQuotesAreTakenOut() {
        Logger log = LoggerFactory.getLogger(LogRedactionTest.class);
        Exception jackson = new IllegalArgumentException("Cannot deserialize value of type `java.time.LocalDate` from "
                + "String \"1970-13-45\": Text '1970-13-45' could not be parsed",
                new IllegalStateException("ERROR: new row violates check constraint. Detail: Failing row contains "
                        + "(42, Müller, 1970-01-02). Key (mrn)=(MRN4242) already exists"));
        String out = captured(() -> log.error("the record failed", jackson));
        assertThat(out).contains("IllegalArgumentException").contains("Caused by: java.lang.IllegalStateException")
                .doesNotContain("1970-13-45").doesNotContain("Müller").doesNotContain("MRN4242")
                .contains("Key (mrn)=([redacted])");
    }

    static String captured(Runnable logging) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) LoggerFactory
                    .getILoggerFactory();
            // The console appender holds the stream it was started with: restart it on the captured one.
            context.reset();
            new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
            logging.run();
        } catch (ch.qos.logback.core.joran.spi.JoranException e) {
            throw new IllegalStateException(e);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
