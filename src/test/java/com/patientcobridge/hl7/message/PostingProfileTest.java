package com.patientcobridge.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.patientcobridge.codes.CodeTableException;
import com.patientcobridge.codes.CodeTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's mistakes stop start-up (the check the code tables run there), naming the profile's
 * file and the key: a field HL7 2.5.1 does not have, a segment the profile does not fill, a value
 * or table that does not exist, a reversal style its types contradict.
 */
class PostingProfileTest {

    @TempDir
    Path dir;

    /** The shipped mappings with a profile 'broken': the standard one with {@code change} made to its posting.yaml. */
    private Path broken(String from, String to) throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("mappings"))) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(Path.of("mappings").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path profile = dir.resolve("profiles/broken");
        Files.createDirectories(profile);
        try (Stream<Path> files = Files.list(dir.resolve("profiles/standard"))) {
            for (Path p : files.toList()) {
                Files.copy(p, profile.resolve(p.getFileName()));
            }
        }
        Path posting = profile.resolve("posting.yaml");
        String text = Files.readString(posting);
        assertThat(text).contains(from);
        Files.writeString(posting, text.replace(from, to));
        return posting;
    }

    private void check() {
        new Hl7Codes().check(CodeTables.load(dir, "broken"));
    }

    @Test
    void aFieldFt1DoesNotHaveNamesTheFileAndTheKey() throws Exception {
        Path posting = broken("  FT1-3: batchId", "  FT1-99: batchId");
        assertThatThrownBy(this::check).isInstanceOf(CodeTableException.class)
                .hasMessageContaining(posting.toString()).hasMessageContaining("ids.FT1-99")
                .hasMessageContaining("FT1 has fields 1 to");
    }

    @Test
    void aComponentTheFieldDoesNotHave() throws Exception {
        Path posting = broken("FT1-30-4: PATIENTCO", "FT1-30-12: PATIENTCO");
        assertThatThrownBy(this::check).hasMessageContaining(posting.toString())
                .hasMessageContaining("ids.FT1-30.with.FT1-30-12").hasMessageContaining("has components 1 to");
    }

    @Test
    void aSegmentTheProfileDoesNotFill() throws Exception {
        broken("  FT1-3: batchId", "  ZPC-3: batchId");
        assertThatThrownBy(this::check).hasMessageContaining("ids.ZPC-3")
                .hasMessageContaining("name a zSegment to use Z fields");
    }

    @Test
    void aValueThatIsNotAPatientcoValue() throws Exception {
        broken("  FT1-3: batchId", "  FT1-3: batchNumber");
        assertThatThrownBy(this::check).hasMessageContaining("ids.FT1-3").hasMessageContaining("'batchNumber'");
    }

    @Test
    void aTableThatIsNotThere() throws Exception {
        Path posting = broken("transactionCodes: transaction-codes", "transactionCodes: transaction-codes-epic");
        assertThatThrownBy(this::check).hasMessageContaining(posting.toString())
                .hasMessageContaining("transactionCodes").hasMessageContaining("transaction-codes-epic");
    }

    @Test
    void aSameTypeProfileWhoseReversalsHaveTheirOwnType() throws Exception {
        broken("style: same-type", "style: reversal-type");
        assertThatThrownBy(this::check).hasMessageContaining("transaction-types.yaml")
                .hasMessageContaining("VOID_REVERSAL").hasMessageContaining("reversal-type");
    }

    @Test
    void aMissingIdentifierTypeNamesTheKey() throws Exception {
        Path posting = broken("  depositAccount: AN\n", "");
        assertThatThrownBy(this::check).hasMessageContaining(posting.toString())
                .hasMessageContaining("identifiers.depositAccount");
    }

    @Test
    void everyShippedProfileLoads() throws Exception {
        try (Stream<Path> profiles = Files.list(Path.of("mappings/profiles"))) {
            for (Path p : profiles.toList()) {
                new Hl7Codes().check(CodeTables.load(Path.of("mappings"), p.getFileName().toString()));
            }
        }
    }
}
