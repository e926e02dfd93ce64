package com.patientcobridge.patientco.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** Fields found by label in either layout; a missing element is a loud, named layout change with the source kept. */
class PortalPageTest {

    @TempDir
    Path dir;

    private Path page(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "<html><body>" + body + "</body></html>");
        return file;
    }

    @Test
    void fieldsAreFoundByLabelWhateverTheirIdsAndNames() throws Exception {
        Path one = page("one.html", "<form id='login'><label for='u'>Username</label><input id='u' name='username'>"
                + "<input type='hidden' name='_csrf' value='x'></form>");
        Path two = page("two.html", "<form class='signin'><label>User name: <input name='user_login'></label></form>");
        try (PortalBrowser browser = PortalBrowser.open("htmlunit")) {
            browser.driver().get(one.toUri().toString());
            PortalPage p1 = new PortalPage(browser.driver(), "login", dir.resolve("diag"));
            assertThat(p1.field("username", "Username", "User name").getAttribute("id")).isEqualTo("u");
            browser.driver().get(two.toUri().toString());
            PortalPage p2 = new PortalPage(browser.driver(), "login", dir.resolve("diag"));
            assertThat(p2.field("username", "Username", "User name").getAttribute("name")).isEqualTo("user_login");
        }
    }

    @Test
    void aMissingElementNamesPageAndElementAndKeepsTheSourcePrivately() throws Exception {
        Path settlements = page("settlements.html", "<table><tr data-batch-id='stl_1'><td>no link</td></tr></table>");
        Path diag = dir.resolve("diag");
        try (PortalBrowser browser = PortalBrowser.open("htmlunit")) {
            browser.driver().get(settlements.toUri().toString());
            PortalPage page = new PortalPage(browser.driver(), "settlements", diag);
            var row = page.one(By.cssSelector("[data-batch-id='stl_1']"), "row");
            assertThatThrownBy(() -> page.one(row, By.cssSelector("a[data-action=download-report]"),
                    "link a[data-action=download-report]"))
                    .isInstanceOf(PortalLayoutChangedException.class)
                    .hasMessageContaining("page 'settlements'")
                    .hasMessageContaining("a[data-action=download-report]");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(diag))).isEqualTo("rwx------");
        try (var files = Files.list(diag)) {
            Path kept = files.findFirst().orElseThrow();
            assertThat(Files.readString(kept)).contains("data-batch-id");
        }
    }

    @Test
    void settlementReportCsvIsReadByColumnName() {
        String csv = "item_id,batch_id,type,payment_id,refund_id,chargeback_id,account_id,amount,occurred_at\n"
                + "sti_1,stl_9,sale,pay_1,,,acc_1,125.40,2026-11-02T15:00:00Z\n"
                + "sti_2,stl_9,fee,,,,,-3.10,2026-11-02T15:00:00Z\n";
        var items = SettlementReportCsv.parse("stl_9", csv);
        assertThat(items).extracting(i -> i.amount().toPlainString()).containsExactly("125.40", "-3.10");
        assertThat(items.get(1).paymentId()).isNull();
        assertThatThrownBy(() -> SettlementReportCsv.parse("stl_9", csv.replace("125.40", "125,4")))
                .hasMessageContaining("sti_1");
    }

    @Test
    void settlementReportCsvTakesQuotesQuotedCommasLineBreaksABomAndCrlf() {
        String csv = "\uFEFFbatch_id,item_id,type,payment_id,refund_id,chargeback_id,account_id,amount,occurred_at\r\n"
                + "stl_9,sti_1,sale,\"pay_1\",,,\"acc_1\",\"125.40\",2026-11-02T15:00:00Z\r\n"
                + "\"stl_9\",\"sti_2\",\"fee, monthly\",,,,,-3.10,2026-11-02T15:00:00Z\r\n"
                + "stl_9,sti_3,\"refund\nsplit\",pay_1,ref_1,,acc_1,-1.00,2026-11-02T16:00:00Z\r\n";
        var items = SettlementReportCsv.parse("stl_9", csv);
        assertThat(items).extracting(i -> i.id()).containsExactly("sti_1", "sti_2", "sti_3");
        assertThat(items.get(1).type()).isEqualTo("fee, monthly");
        assertThat(items.get(2).type()).isEqualTo("refund\nsplit");
        assertThat(items.get(0).paymentId()).isEqualTo("pay_1");
    }
}
