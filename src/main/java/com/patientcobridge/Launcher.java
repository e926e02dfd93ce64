package com.patientcobridge;

import com.patientcobridge.hl7.delivery.StandaloneEhrReceiver;
import com.patientcobridge.sandbox.SandboxApplication;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The jar's entry point: it holds three programs and starts the one asked for. The bridge by
 * default; {@code --bridge.role=sandbox} (or {@code BRIDGE_ROLE=sandbox}) the Patientco sandbox on its
 * own; {@code --bridge.role=ehr-receiver} a stand-alone EHR receiver. The only class outside the
 * sandbox that knows it.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--bridge.role=ehr-receiver")) {
            int port = Integer.parseInt(System.getenv().getOrDefault("EHR_RECEIVER_PORT", "2575"));
            StandaloneEhrReceiver.run(port, Path.of(System.getenv().getOrDefault("EHR_RECEIVER_INBOX", "out/ehr-inbox")));
            return;
        }
        if (SandboxApplication.requested(args)) {
            SandboxApplication.run(args);
            return;
        }
        BridgeApplication.run(args);
    }
}
