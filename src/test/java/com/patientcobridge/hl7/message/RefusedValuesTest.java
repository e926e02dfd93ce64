package com.patientcobridge.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.Hl7Config;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.client.MalformedRecordException;
import com.patientcobridge.patientco.client.RecordReader;
import com.patientcobridge.support.Records;
import com.patientcobridge.system.Json;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A value the bridge refuses is named by its place, never quoted: an oversized field refused by
 * HAPI and a birth date that is no date leave reasons (stored with the dead letter, logged, shown on
 * the operations page) without the value.
 */
class RefusedValuesTest {

    /** GT1-5.6, an ID field: HAPI refuses more than 200 characters, and says so quoting the value. */
    static final String HUGE_COUNTRY = "Lüdenscheidt-" + "Sauerland".repeat(30);

    @Test
    void anOversizedFieldIsRefusedByItsPlaceWithoutItsValue() {
        Crosswalk crosswalk = new Crosswalk() {
            @Override
            public Optional<String> find(Kind kind, String id) {
                return kind == Kind.PATIENT ? Optional.of("MRN4242") : Optional.empty();
            }

            @Override
            public Map<Kind, String> find(Map<Kind, String> ids) {
                Map<Kind, String> found = new EnumMap<>(Kind.class);
                found.put(Kind.PATIENT, "MRN4242");
                return found;
            }

            @Override
            public boolean link(Kind kind, String patientcoId, String ehrId, String source) {
                return false;
            }
        };
        Hl7Composer composer = new Hl7Composer(Hl7Config.newContext(), crosswalk, GoldenMessagesTest.codes("standard"));
        Account a = Records.account("gtr_1", "pat_1");
        var address = new com.patientcobridge.model.Address("1 Main St", null, "Atlanta", "GA", "30303",
                HUGE_COUNTRY);
        Account huge = new Account(a.id(), a.facilityId(), null, a.status(), new com.patientcobridge.model.Guarantor(
                "gtr_1", null, "Jürgen", null, "Müller", a.guarantor().dateOfBirth(), "M", address, null, null),
                a.patients(), a.encounters(), null, null, a.createdAt(), a.updatedAt());
        Payment p = Records.payment("pay_1");
        FinancialEvent e = new FinancialEvent(FinancialEvent.Kind.PAYMENT, "payment:pay_1:captured", huge, p, null, null,
                p.amount(), p.capturedAt());
        String json = Json.write(Map.of("type", "FinancialEvent", "data", e));
        assertThatThrownBy(() -> composer.compose("DFT^P03", json, "PCB77")).isInstanceOf(PermanentFailure.class)
                .satisfies(t -> assertThat(((PermanentFailure) t).reason()).startsWith("HL7 message PCB77 is not valid")
                        .contains("200").doesNotContain("Lüdenscheidt").doesNotContain("MRN4242"));
    }

    @Test
    void aBirthDateThatIsNoDateIsRefusedByItsPathWithoutItsValue() throws Exception {
        ObjectNode raw = (ObjectNode) Json.MAPPER.readTree(Json.write(Records.account("gtr_2", "pat_2")));
        ((ObjectNode) raw.get("patients").get(0)).put("dateOfBirth", "1990-13-45");
        assertThatThrownBy(() -> RecordReader.read(Resource.ACCOUNTS, raw)).isInstanceOf(MalformedRecordException.class)
                .satisfies(t -> {
                    assertThat(((MalformedRecordException) t).field()).isEqualTo("patients[0].dateOfBirth");
                    assertThat(t.getMessage()).contains("acc_2").doesNotContain("1990-13-45");
                });
    }
}
