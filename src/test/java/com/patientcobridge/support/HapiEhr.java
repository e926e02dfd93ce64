package com.patientcobridge.support;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The EHR in tests: HAPI's own MLLP server, an implementation independent of the bridge's, that
 * parses what it gets, records it, and answers AA (or whatever {@link #answer} decides).
 */
public final class HapiEhr implements AutoCloseable {

    private final HapiContext context;
    private final HL7Service server;
    private final int port;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final boolean keep;
    /** Per message (by MSH-10), the acknowledgement code to answer: AA, AE or AR. */
    public volatile Function<String, String> answer = msh10 -> "AA";
    /** Messages refused AR whatever their MSH-10, by what they hold (a code the EHR does not know, say). */
    public volatile java.util.function.Predicate<Message> refuses = message -> false;

    public HapiEhr() throws Exception {
        this(freePort());
    }

    public HapiEhr(int listenPort) throws Exception {
        this(listenPort, true);
    }

    /**
     * An EHR that answers but keeps nothing, for runs of many messages (the benchmark): a kept
     * list grows with every message, and a copy-on-write one is copied on every add.
     */
    public static HapiEhr answeringOnly() throws Exception {
        return new HapiEhr(freePort(), false);
    }

    private HapiEhr(int listenPort, boolean keep) throws Exception {
        this.keep = keep;
        ParserConfiguration config = new ParserConfiguration();
        config.setIdGenerator(new InMemoryIDGenerator());
        context = new DefaultHapiContext(config, ca.uhn.hl7v2.validation.impl.ValidationContextFactory.defaultValidation(),
                new ca.uhn.hl7v2.parser.DefaultModelClassFactory());
        // Reads each message's bytes in the charset its MSH-18 names, as an interface engine does.
        context.setLowerLayerProtocol(new ca.uhn.hl7v2.llp.MinLowerLayerProtocol(true));
        port = listenPort;
        server = context.newServer(port, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) {
                try {
                    String msh10 = new Terser(message).get("/MSH-10");
                    String code = refuses.test(message) ? "AR" : answer.apply(msh10);
                    if ("AA".equals(code)) {
                        if (keep) {
                            received.add(message.encode());
                        }
                        return message.generateACK();
                    }
                    return message.generateACK("AE".equals(code) ? AcknowledgmentCode.AE : AcknowledgmentCode.AR,
                            new ca.uhn.hl7v2.HL7Exception("refused by the test EHR"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        server.startAndWait();
    }

    public int port() {
        return port;
    }

    /** Every message acknowledged AA, encoded as received. */
    public List<String> received() {
        return received;
    }

    public HapiContext context() {
        return context;
    }

    @Override
    public void close() throws IOException {
        server.stopAndWait();
        context.close();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
