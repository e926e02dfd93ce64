package com.patientcobridge;

import com.patientcobridge.system.Secrets;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Patientco Bridge: Patientco's payments and accounts to the EHR as HL7 v2, and settlements to PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgeApplication {

    /** Starts the bridge; a missing secret or a failed start ends the process with one line saying why. */
    public static void run(String[] args) {
        List<String> missing = Secrets.missing(System::getenv);
        if (!missing.isEmpty()) {
            System.err.println("patientco-bridge: missing secret " + missing.get(0)
                    + " (set it, or " + missing.get(0) + "_FILE to a file holding it)");
            System.exit(2);
        }
        SpringApplication app = new SpringApplicationBuilder(BridgeApplication.class)
                .initializers(new Secrets.Initializer(), new com.patientcobridge.system.OnceModeDefaults())
                .build();
        try {
            app.run(args);
        } catch (RuntimeException e) {
            // Spring has logged the details; the operator gets one line saying why.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("patientco-bridge: cannot start: " + root.getClass().getSimpleName() + ": "
                    + String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
            System.exit(1);
        }
    }
}
