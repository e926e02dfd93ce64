package com.patientcobridge.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeTablesTest {

    @Test
    void readsNestedKeysFromOneFilePerTable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("transaction-codes.yaml"), """
                description: FT1-7 per posting kind
                PAYMENT:
                  card: PCOCC
                """);
        CodeTables tables = CodeTables.load(dir);
        assertThat(tables.tableNames()).containsExactly("transaction-codes");
        assertThat(tables.text("transaction-codes", "PAYMENT.card")).isEqualTo("PCOCC");
    }

    @Test
    void missingKeyNamesTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("transaction-codes.yaml"), "description: x\nPAYMENT: {}\n");
        CodeTables tables = CodeTables.load(dir);
        assertThatThrownBy(() -> tables.text("transaction-codes", "PAYMENT.ach"))
                .isInstanceOf(CodeTableException.class)
                .hasMessageContaining("transaction-codes.yaml")
                .hasMessageContaining("PAYMENT.ach");
    }

    @Test
    void fileThatIsNotAMapStopsTheLoadNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sex.yaml"), "- F\n- M\n");
        assertThatThrownBy(() -> CodeTables.load(dir))
                .isInstanceOf(CodeTableException.class)
                .hasMessageContaining("sex.yaml");
    }

    @Test
    void brokenYamlStopsTheLoadNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("facilities.yaml"), "default: [unclosed\n");
        assertThatThrownBy(() -> CodeTables.load(dir)).hasMessageContaining("facilities.yaml");
    }

    @Test
    void theProjectsOwnMappingsLoad() {
        CodeTables tables = CodeTables.load(Path.of("mappings"));
        assertThat(tables.has("facilities")).isTrue();
    }

    @Test
    void aProfilesFileReplacesTheTableOfTheSameName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sex.yaml"), "description: x\nF: F\n");
        Files.writeString(dir.resolve("adt-events.yaml"), "description: x\nlinked: A04\n");
        Files.createDirectories(dir.resolve("profiles/persons"));
        Files.writeString(dir.resolve("profiles/persons/adt-events.yaml"), "description: y\nlinked: A28\n");
        CodeTables tables = CodeTables.load(dir, "persons");
        assertThat(tables.text("adt-events", "linked")).isEqualTo("A28");
        assertThat(tables.text("sex", "F")).isEqualTo("F");
        assertThat(tables.file("adt-events")).isEqualTo(dir.resolve("profiles/persons/adt-events.yaml"));
    }

    @Test
    void aProfileThatIsNotThereStopsTheLoadNamingItsFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sex.yaml"), "description: x\nF: F\n");
        assertThatThrownBy(() -> CodeTables.load(dir, "epic"))
                .isInstanceOf(CodeTableException.class)
                .hasMessageContaining(dir.resolve("profiles").resolve("epic").toString())
                .hasMessageContaining("bridge.posting.profile");
        assertThatThrownBy(() -> CodeTables.load(dir, "../x")).isInstanceOf(CodeTableException.class);
    }
}
