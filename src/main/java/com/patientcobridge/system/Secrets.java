package com.patientcobridge.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Secrets come from the environment ({@code NAME}) or from a file ({@code NAME_FILE}), never
 * from committed files. A real endpoint configured without its secrets stops start-up with one
 * line naming the variable.
 */
public final class Secrets {

    /** Environment variable, and the property it sets. */
    static final Map<String, String> VARIABLES = Map.of(
            "PATIENTCO_USERNAME", "patientco.username",
            "PATIENTCO_PASSWORD", "patientco.password",
            "PATIENTCO_TOTP_SECRET", "patientco.totp-secret",
            "PATIENTCO_CLIENT_ID", "patientco.client-id",
            "PATIENTCO_CLIENT_SECRET", "patientco.client-secret",
            "PATIENTCO_WEBHOOK_SECRET", "patientco.webhook.secret",
            "SPRING_DATASOURCE_PASSWORD", "spring.datasource.password",
            "EHR_TLS_KEY_STORE_PASSWORD", "ehr.tls.key-store-password",
            "EHR_TLS_TRUST_STORE_PASSWORD", "ehr.tls.trust-store-password");

    private Secrets() {
    }

    /** Reads {@code NAME}, or the file named by {@code NAME_FILE}; null when neither is set. */
    public static String read(String name, Function<String, String> env) {
        String value = env.apply(name);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        String file = env.apply(name + "_FILE");
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new MissingSecretException(name + "_FILE names " + file + ", which cannot be read: " + e.getMessage());
        }
    }

    /**
     * The variables a configured real endpoint needs and that are missing. Patientco needs a
     * username and password, or an OAuth client id and secret when {@code PATIENTCO_AUTH=oauth}.
     */
    public static List<String> missing(Function<String, String> env) {
        List<String> missing = new ArrayList<>();
        String baseUrl = env.apply("PATIENTCO_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            boolean oauth = "oauth".equalsIgnoreCase(env.apply("PATIENTCO_AUTH"));
            List<String> needed = oauth ? List.of("PATIENTCO_CLIENT_ID", "PATIENTCO_CLIENT_SECRET")
                    : List.of("PATIENTCO_USERNAME", "PATIENTCO_PASSWORD");
            for (String name : needed) {
                if (read(name, env) == null) {
                    missing.add(name);
                }
            }
            if ("true".equalsIgnoreCase(env.apply("PATIENTCO_WEBHOOK_ENABLED"))
                    && read("PATIENTCO_WEBHOOK_SECRET", env) == null) {
                missing.add("PATIENTCO_WEBHOOK_SECRET");
            }
        }
        if ("true".equalsIgnoreCase(env.apply("EHR_TLS_ENABLED"))) {
            for (String name : List.of("EHR_TLS_KEY_STORE_PASSWORD", "EHR_TLS_TRUST_STORE_PASSWORD")) {
                if (read(name, env) == null) {
                    missing.add(name);
                }
            }
        }
        String dbUrl = env.apply("SPRING_DATASOURCE_URL");
        if (dbUrl != null && !dbUrl.isBlank() && read("SPRING_DATASOURCE_PASSWORD", env) == null) {
            missing.add("SPRING_DATASOURCE_PASSWORD");
        }
        return missing;
    }

    /** Thrown when a secret is missing or unreadable; its message is the one line printed. */
    public static final class MissingSecretException extends RuntimeException {
        public MissingSecretException(String message) {
            super(message);
        }
    }

    /** Puts secrets read from {@code NAME_FILE} files into the environment as their properties. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            ConfigurableEnvironment environment = context.getEnvironment();
            Map<String, Object> fromFiles = new HashMap<>();
            VARIABLES.forEach((name, property) -> {
                String file = environment.getProperty(name + "_FILE");
                if (file != null && !file.isBlank() && environment.getProperty(name) == null) {
                    fromFiles.put(property, read(name, environment::getProperty));
                }
            });
            if (!fromFiles.isEmpty()) {
                environment.getPropertySources().addFirst(new MapPropertySource("secret-files", fromFiles));
            }
        }
    }
}
