package com.patientcobridge.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @Test
    void noRealEndpointNeedsNoSecrets() {
        assertThat(Secrets.missing(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void realPatientcoWithoutPasswordNamesTheVariable() {
        Map<String, String> env = Map.of("PATIENTCO_BASE_URL", "https://pco.example", "PATIENTCO_USERNAME", "svc");
        assertThat(Secrets.missing(env::get)).containsExactly("PATIENTCO_PASSWORD");
    }

    @Test
    void oauthNeedsClientIdAndSecretInstead() {
        Map<String, String> env = Map.of("PATIENTCO_BASE_URL", "https://pco.example", "PATIENTCO_AUTH", "oauth");
        assertThat(Secrets.missing(env::get)).containsExactly("PATIENTCO_CLIENT_ID", "PATIENTCO_CLIENT_SECRET");
    }

    @Test
    void webhooksFromARealPatientcoNeedTheirSigningSecret() {
        Map<String, String> env = Map.of("PATIENTCO_BASE_URL", "https://pco.example", "PATIENTCO_USERNAME", "svc",
                "PATIENTCO_PASSWORD", "pw", "PATIENTCO_WEBHOOK_ENABLED", "true");
        assertThat(Secrets.missing(env::get)).containsExactly("PATIENTCO_WEBHOOK_SECRET");
    }

    @Test
    void secretIsReadFromTheFileNamedByTheFileVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret\n");
        Map<String, String> env = Map.of("PATIENTCO_BASE_URL", "https://pco.example", "PATIENTCO_USERNAME", "svc",
                "PATIENTCO_PASSWORD_FILE", file.toString());
        assertThat(Secrets.missing(env::get)).isEmpty();
        assertThat(Secrets.read("PATIENTCO_PASSWORD", env::get)).isEqualTo("s3cret");
    }

    @Test
    void unreadableSecretFileIsAnErrorNamingTheVariable(@TempDir Path dir) {
        Map<String, String> env = Map.of("PATIENTCO_PASSWORD_FILE", dir.resolve("missing").toString());
        assertThatThrownBy(() -> Secrets.read("PATIENTCO_PASSWORD", env::get))
                .hasMessageContaining("PATIENTCO_PASSWORD_FILE");
    }

    @Test
    void externalDatabaseWithoutPasswordNamesTheVariable() {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db/bridge");
        assertThat(Secrets.missing(env::get)).containsExactly("SPRING_DATASOURCE_PASSWORD");
    }
}
