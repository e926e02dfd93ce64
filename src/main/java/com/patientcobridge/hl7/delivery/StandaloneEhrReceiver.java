package com.patientcobridge.hl7.delivery;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * {@code --bridge.role=ehr-receiver}: an HL7 receiver on its own (HAPI's MLLP server) for demos
 * and the compose file, standing in for the EHR: ACKs each message and writes it to a folder.
 */
public final class StandaloneEhrReceiver {

    private StandaloneEhrReceiver() {
    }

    public static void run(int port, Path inbox) throws Exception {
        Files.createDirectories(inbox);
        ParserConfiguration config = new ParserConfiguration();
        config.setIdGenerator(new InMemoryIDGenerator());
        HapiContext context = new DefaultHapiContext(config, ca.uhn.hl7v2.validation.impl.ValidationContextFactory
                .defaultValidation(), new ca.uhn.hl7v2.parser.DefaultModelClassFactory());
        HL7Service server = context.newServer(port, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) {
                try {
                    String id = new Terser(message).get("/MSH-10");
                    Path tmp = inbox.resolve("." + id + ".tmp");
                    Files.writeString(tmp, message.encode());
                    Files.move(tmp, inbox.resolve(id + ".hl7"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                    return message.generateACK();
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
        System.out.println("EHR receiver listening for MLLP on port " + port + ", writing to " + inbox.toAbsolutePath());
    }
}
