package com.patientcobridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.schedule.Jobs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person at the operations page, in a real browser (HtmlUnit always, headless Chromium where
 * installed): logs in, sees a run, sees which dead letter waits behind which, replays the first and
 * sees both leave the list.
 */
@BridgeSpringTest
class OpsPageBrowserTest {

    @LocalServerPort int port;
    @Autowired Jobs jobs;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        registry.add("bridge.ops.users[0].username", () -> "olivia");
        registry.add("bridge.ops.users[0].password-hash", () -> new BCryptPasswordEncoder().encode("operator-pw"));
        registry.add("bridge.ops.users[0].role", () -> "operator");
    }

    @Test
    void operatorReplaysADeadLetterInHtmlUnit() {
        HtmlUnitDriver driver = new HtmlUnitDriver(true);
        try {
            walkThrough(driver, "pay_000000002", "pay_000000003");
        } finally {
            driver.quit();
        }
    }

    @Test
    void operatorReplaysADeadLetterInChromium() throws Exception {
        com.patientcobridge.support.Chromium.required();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            walkThrough(driver, "pay_000000005", "pay_000000006");
        } finally {
            driver.quit();
            org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        }
    }

    private void walkThrough(WebDriver driver, String paymentId, String laterPaymentId) {
        jobs.run("accounts", "manual", null);
        jobs.run("statements", "manual", null);
        long deadLetter = jdbc.queryForObject("INSERT INTO bridge.dead_letter (flow, resource, patientco_id, reason, "
                + "payload, payload_type, endpoint_uri) VALUES ('payments-poll', 'payments', ?, ? || ': field ''amount'' is ''12,50''', '{}', "
                + "'java.lang.String', 'patientco://payments') RETURNING id", Long.class, paymentId, paymentId);
        // A later event of the same guarantor waits behind it, and says so.
        long waiting = jdbc.queryForObject("INSERT INTO bridge.dead_letter (flow, resource, patientco_id, reason, "
                + "payload, payload_type, endpoint_uri, status, blocked_by) VALUES ('payments-poll', 'payments', ?, "
                + "'waits behind an earlier event of its guarantor', '{}', 'java.lang.String', 'patientco://payments', "
                + "'waiting', ?) RETURNING id", Long.class, laterPaymentId, deadLetter);
        // The login page's elements go stale while the browser navigates away from it.
        org.openqa.selenium.support.ui.Wait<WebDriver> wait = new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        driver.get("http://localhost:" + port + "/ops/index.html");
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.name("username")).sendKeys("olivia");
        driver.findElement(By.name("password")).sendKeys("operator-pw");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        wait.until(d -> d.findElement(By.id("runs")).getText().contains("accounts"));

        // Statements by delivery status and age, for all facilities and then for the one chosen.
        wait.until(d -> statementsShown(d) == count("SELECT count(*) FROM staging.statement"));
        wait.until(d -> new Select(d.findElement(By.id("statement-facility"))).getOptions().size() > 1);
        String facility = new Select(driver.findElement(By.id("statement-facility"))).getOptions().get(1)
                .getDomAttribute("value");
        new Select(driver.findElement(By.id("statement-facility"))).selectByValue(facility);
        long ofFacility = count("SELECT count(*) FROM staging.statement s JOIN staging.account a ON a.id = s.account_id "
                + "WHERE a.facility_id = '" + facility + "'");
        assertThat(ofFacility).isPositive().isLessThan(count("SELECT count(*) FROM staging.statement"));
        wait.until(d -> statementsShown(d) == ofFacility);
        By row = By.cssSelector("#dead-letters tr[data-dead-letter-id='" + deadLetter + "']");
        By waitingRow = By.cssSelector("#dead-letters tr[data-dead-letter-id='" + waiting + "']");
        wait.until(d -> !d.findElements(row).isEmpty() && !d.findElements(waitingRow).isEmpty());
        assertThat(driver.findElement(waitingRow).findElement(By.cssSelector("td[data-field=behind]")).getText())
                .isEqualTo("waits behind #" + deadLetter);
        assertThat(driver.findElement(row).findElement(By.cssSelector("td[data-field=behind]")).getText())
                .isEqualTo("holds 1 behind it");
        driver.findElement(row).findElement(By.cssSelector("button[data-action=replay]")).click();
        // Replaying the first sends what waited behind it too, in order.
        wait.until(d -> d.findElements(row).isEmpty() && d.findElements(waitingRow).isEmpty());
        assertThat(jdbc.queryForObject("SELECT status FROM bridge.dead_letter WHERE id = ?", String.class, waiting))
                .isEqualTo("replayed");

        assertThat(jdbc.queryForObject("SELECT status FROM bridge.dead_letter WHERE id = ?", String.class, deadLetter))
                .isEqualTo("replayed");
        assertThat(jdbc.queryForObject("SELECT actor FROM bridge.audit WHERE target = ? AND action = 'replay'",
                String.class, "dead_letter:" + deadLetter)).isEqualTo("olivia");
    }

    /** The statements the page's table counts, over its rows. */
    private static long statementsShown(WebDriver d) {
        long n = 0;
        for (var row : d.findElements(By.cssSelector("#statements tbody tr"))) {
            n += Long.parseLong(row.findElements(By.tagName("td")).get(2).getText().strip());
        }
        return n;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
