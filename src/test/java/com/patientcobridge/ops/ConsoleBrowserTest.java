package com.patientcobridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.ops.messages.MessageView;
import com.patientcobridge.schedule.Jobs;
import com.patientcobridge.support.Chromium;
import com.patientcobridge.support.HapiEhr;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's "done when", in a real browser against HAPI's own MLLP server as the EHR: an
 * operator finds a payment's DFT by its account and a date range, reads its fields and ACK,
 * resends it (the EHR gets the same MSH-10 again), pauses delivery, edits a dead letter the EHR
 * refused (a wrong value refused first, by HAPI), replays it, sees it wait while paused, resumes
 * and sees it accepted, and finds each action in the audit log; a viewer sees the message masked.
 */
@BridgeSpringTest
class ConsoleBrowserTest {

    static final HapiEhr EHR = start();
    /** Payments whose card DFT the EHR refuses: its master file does not know PCOCARD for them. */
    static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    @LocalServerPort int port;
    @Autowired Jobs jobs;
    @Autowired JdbcTemplate jdbc;

    static HapiEhr start() {
        try {
            HapiEhr ehr = new HapiEhr();
            ehr.refuses = message -> {
                try {
                    Terser t = new Terser(message);
                    return t.get("/MSH-9-1").equals("DFT") && "PCOCARD".equals(t.get("/.FT1-7-1"))
                            && REFUSED.contains(t.get("/.FT1-23-1"));
                } catch (Exception e) {
                    return false;
                }
            };
            return ehr;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        EHR.close();
    }

    @DynamicPropertySource
    static void setup(DynamicPropertyRegistry registry) {
        registry.add("ehr.mllp.host", () -> "127.0.0.1");
        registry.add("ehr.mllp.port", EHR::port);
        registry.add("bridge.ops.users[0].username", () -> "olivia");
        registry.add("bridge.ops.users[0].password-hash", () -> new BCryptPasswordEncoder().encode("operator-pw"));
        registry.add("bridge.ops.users[0].role", () -> "operator");
        registry.add("bridge.ops.users[1].username", () -> "victor");
        registry.add("bridge.ops.users[1].password-hash", () -> new BCryptPasswordEncoder().encode("viewer-pw"));
        registry.add("bridge.ops.users[1].role", () -> "viewer");
    }

    @Test
    void inHtmlUnit() {
        HtmlUnitDriver driver = new HtmlUnitDriver(true);
        try {
            walkThrough(driver, 0);
        } finally {
            driver.quit();
        }
    }

    @Test
    void inChromium() throws Exception {
        Chromium.required();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(Chromium.DRIVER)).build(), options);
        try {
            walkThrough(driver, 1);
        } catch (RuntimeException | AssertionError e) {
            driver.manage().logs().get("browser").forEach(l -> System.out.println("Chromium console: " + l));
            System.out.println("Chromium was at " + driver.getCurrentUrl());
            throw e;
        } finally {
            driver.quit();
            org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        }
    }

    private synchronized void synced() {
        if (count("SELECT count(*) FROM bridge.outbox WHERE message_type = 'DFT^P03'") == 0) {
            jobs.run("accounts", "manual", null);
            jobs.run("payments", "manual", null);
        }
        drained();
    }

    private void drained() {
        new WebDriverWaitless(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM bridge.outbox WHERE status IN ('pending', 'sent')") == 0);
    }

    /** Two acknowledged card payments' DFTs of different guarantors: one to find and resend, one the EHR refuses. */
    private List<Map<String, Object>> pick(int which) {
        return jdbc.queryForList("SELECT DISTINCT ON (o.order_key) o.id, o.msh10, o.payment_id, o.order_key, "
                + "(SELECT a FROM unnest(o.patientco_ids) a WHERE a LIKE 'acc%' LIMIT 1) AS account FROM bridge.outbox o "
                + "JOIN bridge.message_store m ON m.outbox_id = o.id WHERE o.status = 'acked' AND o.message_type = "
                + "'DFT^P03' AND m.body LIKE '%|PCOCARD^%' ORDER BY o.order_key, o.id OFFSET ? LIMIT 2", which * 2);
    }

    private void walkThrough(WebDriver driver, int which) {
        synced();
        List<Map<String, Object>> picked = pick(which);
        long found = ((Number) picked.get(0).get("id")).longValue();
        String foundMsh10 = (String) picked.get(0).get("msh10");
        String account = (String) picked.get(0).get("account");
        long refused = ((Number) picked.get(1).get("id")).longValue();
        // The EHR now refuses the second payment's card code: a resend of it comes back AR and is dead-lettered.
        REFUSED.add((String) picked.get(1).get("payment_id"));
        jdbc.update("UPDATE bridge.outbox o SET status = 'pending', attempts = 0, next_attempt_at = now(), hl7 = m.body "
                + "FROM bridge.message_store m WHERE m.outbox_id = o.id AND o.id = ?", refused);
        long deadLetter = new WebDriverWaitless(Duration.ofSeconds(30)).until(() -> jdbc.query("SELECT id FROM "
                + "bridge.dead_letter WHERE outbox_id = ? AND status = 'open'", rs -> rs.next() ? rs.getLong(1) : null,
                refused));
        String realName = jdbc.queryForObject("SELECT body FROM bridge.message_store WHERE outbox_id = ? ORDER BY id "
                + "LIMIT 1", String.class, found).split("\r")[2].split("\\|")[5];
        int sentBefore = timesReceived(foundMsh10);

        Wait<WebDriver> wait = new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class);
        login(driver, wait, "olivia", "operator-pw");

        // Find the payment's DFT by its account and today's date.
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        setValue(driver, "m-from", today);
        setValue(driver, "m-to", today);
        new Select(driver.findElement(By.id("m-type"))).selectByValue("DFT^P03");
        driver.findElement(By.id("m-account")).sendKeys(account);
        driver.findElement(By.id("m-search")).click();
        By row = By.cssSelector("#messages tr[data-message-id='" + found + "']");
        wait.until(d -> !d.findElements(row).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#messages tbody tr"))).allSatisfy(tr ->
                assertThat(tr.getText()).contains("DFT^P03").contains(account));
        driver.findElement(row).findElement(By.tagName("button")).click();
        wait.until(d -> String.valueOf(found).equals(d.findElement(By.id("message")).getDomAttribute("data-message-id")));
        assertThat(fieldCells(driver, "message-fields", "PID-5")).containsExactly("PID-5", "Patient Name", realName);
        assertThat(fieldCells(driver, "message-fields", "MSH-10").get(2)).isEqualTo(foundMsh10);
        assertThat(fieldCells(driver, "ack-fields", "MSA-1")).containsExactly("MSA-1", "Acknowledgment Code", "AA");

        // Resend: asked to confirm, then sent with the same MSH-10.
        driver.findElement(By.id("resend")).click();
        driver.findElement(By.id("resend")).click();
        wait.until(d -> "true".equals(d.findElement(By.id("message")).getDomAttribute("data-resent")));
        new WebDriverWaitless(Duration.ofSeconds(30)).until(() -> timesReceived(foundMsh10) == sentBefore + 1);
        new WebDriverWaitless(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM bridge.message_store "
                + "WHERE outbox_id = " + found) == 2);

        // Pause delivery for the EHR's maintenance.
        driver.findElement(By.id("pause-reason")).sendKeys("EHR maintenance");
        driver.findElement(By.id("pause")).click();
        wait.until(d -> "true".equals(d.findElement(By.id("live")).getDomAttribute("data-paused")));
        assertThat(driver.findElement(By.id("delivery-state")).getText()).contains("paused by olivia")
                .contains("EHR maintenance");

        // Edit the refused message: a wrong value is refused by HAPI, then the code is corrected and replayed.
        By letter = By.cssSelector("#dead-letters tr[data-dead-letter-id='" + deadLetter + "']");
        wait.until(d -> !d.findElements(letter).isEmpty());
        driver.findElement(letter).findElement(By.cssSelector("button[data-action=edit]")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#edit-fields input[name='FT1-7']")).isEmpty());
        WebElement date = driver.findElement(By.cssSelector("#edit-fields input[name='FT1-4']"));
        String goodDate = date.getDomProperty("value");
        date.clear();
        date.sendKeys("yesterday");
        driver.findElement(By.id("edit-replay")).click();
        wait.until(d -> d.findElement(By.id("edit-error")).getText().contains("not valid HL7"));
        assertThat(status(refused)).isEqualTo("dead");
        date = driver.findElement(By.cssSelector("#edit-fields input[name='FT1-4']"));
        date.clear();
        date.sendKeys(goodDate);
        WebElement code = driver.findElement(By.cssSelector("#edit-fields input[name='FT1-7']"));
        String corrected = code.getDomProperty("value").replace("PCOCARD", "PCOCRD2");
        code.clear();
        code.sendKeys(corrected);
        driver.findElement(By.id("edit-replay")).click();
        wait.until(d -> d.findElements(letter).isEmpty());

        // Paused: the replayed message waits in the outbox, and the page says so.
        wait.until(d -> d.findElement(By.id("backlog")).getText().startsWith("1 waiting to send"));
        assertThat(status(refused)).isEqualTo("pending");
        driver.findElement(By.id("resume")).click();
        wait.until(d -> "false".equals(d.findElement(By.id("live")).getDomAttribute("data-paused")));
        new WebDriverWaitless(Duration.ofSeconds(30)).until(() -> "acked".equals(status(refused)));
        String refusedMsh10 = jdbc.queryForObject("SELECT msh10 FROM bridge.outbox WHERE id = ?", String.class, refused);
        assertThat(EHR.received()).filteredOn(m -> m.contains("|" + refusedMsh10 + "|")).last().asString()
                .contains(corrected);

        // A backfill from a date, started on the page: audited, and its run appears in the run history.
        long runsBefore = count("SELECT count(*) FROM bridge.job_run WHERE job = 'statements'");
        new Select(driver.findElement(By.id("backfill-job"))).selectByValue("statements");
        setValue(driver, "backfill-from", LocalDate.now(ZoneOffset.UTC).minusDays(30).toString());
        driver.findElement(By.cssSelector("#backfill button")).click();
        wait.until(d -> d.findElement(By.id("backfill-note")).getText().startsWith("Backfill of statements from"));
        new WebDriverWaitless(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM bridge.job_run WHERE "
                + "job = 'statements' AND ended_at IS NOT NULL") > runsBefore);

        // Retention, run from the page: a message past its body's age loses its text, keeps its metadata.
        long old = jdbc.queryForObject("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, msh10, "
                + "event_json, status, created_at, acked_at) VALUES (?, 'payments', 'DFT^P03', 'gtr_old', 0, ?, '{}', "
                + "'acked', now() - interval '40 days', now() - interval '40 days') RETURNING id", Long.class,
                "old-" + which, "PCBOLD" + which);
        jdbc.update("INSERT INTO bridge.message_store (outbox_id, direction, msh10, message_type, body, ack_body, "
                + "ack_code, created_at) VALUES (?, 'out', ?, 'DFT^P03', 'MSH|PID', 'MSH|MSA|AA', 'AA', now() - "
                + "interval '40 days')", old, "PCBOLD" + which);
        driver.findElement(By.id("retention-run")).click();
        wait.until(d -> d.findElement(By.id("retention")).getText().contains("message bodies (store) 1,"));
        assertThat(jdbc.queryForObject("SELECT body FROM bridge.message_store WHERE outbox_id = ?", String.class, old))
                .isNull();

        // Every action, in the audit log on the page.
        setValue(driver, "a-actor", "olivia");
        driver.findElement(By.cssSelector("#audit-search button")).click();
        wait.until(d -> actions(d).containsAll(List.of("login", "view-message", "resend", "pause", "edit", "replay",
                "resume", "run", "backfill")));
        Map<String, Object> edit = jdbc.queryForMap("SELECT before, after FROM bridge.audit WHERE action = 'edit' "
                + "AND target = ?", "dead_letter:" + deadLetter);
        assertThat((String) edit.get("before")).contains("FT1-7").contains("PCOCARD");
        assertThat((String) edit.get("after")).contains(corrected);

        // A viewer sees the same message masked, and no resend.
        driver.findElement(By.cssSelector("#logout button")).click();
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        login(driver, wait, "victor", "viewer-pw");
        setValue(driver, "m-from", today);
        driver.findElement(By.id("m-account")).sendKeys(account);
        driver.findElement(By.id("m-search")).click();
        wait.until(d -> !d.findElements(row).isEmpty());
        long viewsBefore = count("SELECT count(*) FROM bridge.audit WHERE action = 'view-message'");
        driver.findElement(row).findElement(By.tagName("button")).click();
        wait.until(d -> String.valueOf(found).equals(d.findElement(By.id("message")).getDomAttribute("data-message-id")));
        assertThat(fieldCells(driver, "message-fields", "PID-5")).containsExactly("PID-5", "Patient Name",
                MessageView.MASK);
        assertThat(fieldCells(driver, "message-fields", "FT1-7").get(2)).startsWith("PCOCARD");
        assertThat(driver.getPageSource()).doesNotContain(realName);
        assertThat(driver.findElement(By.id("resend")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("m-text")).isDisplayed()).isFalse();
        assertThat(count("SELECT count(*) FROM bridge.audit WHERE action = 'view-message'")).isEqualTo(viewsBefore);

        // Left alone past the session timeout, the page logs itself out although it polls (its idle check, run now).
        ((JavascriptExecutor) driver).executeScript(
                "lastActivity = Date.now() - (me.sessionTimeoutSeconds + 1) * 1000; checkIdle();");
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        driver.get("http://localhost:" + port + "/ops/index.html");
        wait.until(d -> d.getCurrentUrl().contains("/login"));
    }

    private void login(WebDriver driver, Wait<WebDriver> wait, String user, String password) {
        driver.get("http://localhost:" + port + "/ops/index.html");
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        wait.until(d -> d.findElement(By.id("me")).getText().startsWith(user));
    }

    private static void setValue(WebDriver driver, String id, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id(id)),
                value);
    }

    private static List<String> fieldCells(WebDriver driver, String table, String field) {
        return driver.findElement(By.cssSelector("#" + table + " tr[data-field='" + field + "']"))
                .findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private static List<String> actions(WebDriver d) {
        return d.findElements(By.cssSelector("#audit tbody tr")).stream().map(tr -> tr.getDomAttribute("data-action"))
                .toList();
    }

    private static int timesReceived(String msh10) {
        return (int) EHR.received().stream().filter(m -> m.contains("|" + msh10 + "|")).count();
    }

    private String status(long outboxId) {
        return jdbc.queryForObject("SELECT status FROM bridge.outbox WHERE id = ?", String.class, outboxId);
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    /** Polls a condition on the bridge's side (the database, the EHR) until it holds or the time is up. */
    record WebDriverWaitless(Duration within) {
        <T> T until(java.util.function.Supplier<T> condition) {
            return new org.openqa.selenium.support.ui.FluentWait<Object>(new Object()).withTimeout(within)
                    .pollingEvery(Duration.ofMillis(100)).until(o -> {
                        T v = condition.get();
                        return v instanceof Boolean b ? (b ? v : null) : v;
                    });
        }
    }
}
