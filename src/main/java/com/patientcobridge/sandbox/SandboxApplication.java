package com.patientcobridge.sandbox;

import java.util.Arrays;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The Patientco sandbox on its own ({@code --bridge.role=sandbox}), for demos and other clients:
 * no database, no Camel, no EHR; the sandbox serves on {@code server.port}.
 */
@SpringBootConfiguration
@Import(SandboxConfiguration.class)
public class SandboxApplication {

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--bridge.role=sandbox")
                || "sandbox".equals(System.getenv("BRIDGE_ROLE"));
    }

    public static void run(String[] args) {
        new SpringApplicationBuilder(SandboxApplication.class)
                .web(WebApplicationType.NONE)
                .properties("bridge.role=sandbox")
                .run(args);
    }
}
