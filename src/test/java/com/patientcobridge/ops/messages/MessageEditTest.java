package com.patientcobridge.ops.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A dead message edited field by field through HAPI: changes land where named, bad ones are refused by name. */
class MessageEditTest {

    static final String DFT = "MSH|^~\\&|PATIENTCO|PCO_ATL|EPIC|PRMC|20261204101500||DFT^P03^DFT_P03|PCB42|P|2.5.1\r"
            + "EVN|P03|20261204101500\r"
            + "PID|1||MRN100^^^PRMC^MR||DOE^JANE||19800101|F\r"
            + "FT1|1|R123|B77|20261204|20261204|PY|PAYCARD^Card payment|||1|-25.00\r";

    final MessageEdit edit = new MessageEdit();

    @Test
    void aChangedFieldIsEncodedInPlaceAndReported() {
        MessageEdit.Result r = edit.apply(DFT, List.of(new MessageEdit.Change(3, 7, "PAYCASH^Cash payment"),
                new MessageEdit.Change(2, 5, "DOE^JANE^Q")));
        assertThat(r.hl7()).contains("FT1|1|R123|B77|20261204|20261204|PY|PAYCASH^Cash payment|")
                .contains("PID|1||MRN100^^^PRMC^MR||DOE^JANE^Q||19800101|F").contains("|PCB42|");
        assertThat(r.changed()).containsExactly(
                new MessageEdit.Changed("FT1-7", "PAYCARD^Card payment", "PAYCASH^Cash payment"),
                new MessageEdit.Changed("PID-5", "DOE^JANE", "DOE^JANE^Q"));
    }

    @Test
    void anInvalidValueIsRefusedBeforeItCanBeSent() {
        assertThatThrownBy(() -> edit.apply(DFT, List.of(new MessageEdit.Change(3, 4, "yesterday"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid HL7");
    }

    @Test
    void theMessageKeepsItsIdentity() {
        assertThatThrownBy(() -> edit.apply(DFT, List.of(new MessageEdit.Change(0, 10, "PCB43"))))
                .hasMessageContaining("MSH-10 cannot be edited");
        assertThatThrownBy(() -> edit.apply(DFT, List.of(new MessageEdit.Change(9, 1, "x"))))
                .hasMessageContaining("segment 9 is not in the message");
    }

    @Test
    void theViewNamesEachFieldAndMasksPhiForAViewer() throws Exception {
        var tables = com.patientcobridge.codes.CodeTables.load(java.nio.file.Path.of("mappings"), "standard");
        MessageView view = new MessageView(PhiFields.of(tables));
        var whole = view.segments(DFT, false);
        assertThat(whole.get(0).fields().subList(0, 2)).extracting(MessageView.Field::value)
                .containsExactly("|", "^~\\&");
        var pid = whole.get(2).fields().stream().filter(f -> f.path().equals("PID-5")).findFirst().orElseThrow();
        assertThat(pid.name()).isEqualTo("Patient Name");
        assertThat(pid.value()).isEqualTo("DOE^JANE");
        var masked = view.segments(DFT, true);
        assertThat(masked.get(2).fields()).filteredOn(f -> List.of("PID-3", "PID-5", "PID-7").contains(f.path()))
                .hasSize(3).allSatisfy(f -> assertThat(f.value()).isEqualTo(MessageView.MASK));
        assertThat(masked.get(3).fields()).filteredOn(f -> f.path().equals("FT1-7"))
                .singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("PAYCARD^Card payment"));
    }
}
