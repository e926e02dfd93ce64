package com.patientcobridge.hl7.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.hl7.Crosswalk.Kind;
import com.patientcobridge.support.TestDatabase;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresCrosswalkTest {

    @Test
    void severalLinksInOneLookupAgreeWithOneByOne() throws Exception {
        TestDatabase db = TestDatabase.create();
        PostgresCrosswalk crosswalk = new PostgresCrosswalk(db.jdbc);
        crosswalk.link(Kind.PATIENT, "pat_1", "MRN1", "ehr");
        crosswalk.link(Kind.ACCOUNT, "acc_1", "HAR1", "patientco");
        // Same Patientco id under another kind: must not answer for the patient.
        crosswalk.link(Kind.GUARANTOR, "pat_9", "G9", "ehr");

        Map<Kind, String> ids = new EnumMap<>(Kind.class);
        ids.put(Kind.PATIENT, "pat_1");
        ids.put(Kind.ACCOUNT, "acc_1");
        ids.put(Kind.GUARANTOR, "gtr_1");
        ids.put(Kind.ENCOUNTER, "enc_1");
        Map<Kind, String> found = crosswalk.find(ids);

        assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of(Kind.PATIENT, "MRN1", Kind.ACCOUNT, "HAR1"));
        ids.forEach((kind, id) -> assertThat(crosswalk.find(kind, id).orElse(null)).isEqualTo(found.get(kind)));
        assertThat(crosswalk.find(Map.of(Kind.PATIENT, "pat_9"))).isEmpty();
        assertThat(crosswalk.find(Map.of())).isEmpty();
    }
}
