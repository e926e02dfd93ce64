package com.patientcobridge.patientco.portal;

import com.patientcobridge.model.Resource;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.patientco.client.PatientcoConnection;
import com.patientcobridge.patientco.client.PatientcoHealth;
import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import com.patientcobridge.patientco.session.PatientcoCredentials;
import com.patientcobridge.patientco.session.Totp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What only the portal delivers, read with a browser: settlement reports (CSV) and statement
 * PDFs. Logs in with the bridge's user (CSRF token from the form, then MFA), finds links by
 * their {@code data-*} attributes, downloads with the browser's session cookie and archives each file.
 * MFA is the login's: a TOTP code, or one the portal sends by SMS or e-mail and the code source hands over.
 */
public class PortalReports {

    private final PatientcoConnection connection;
    private final PortalSettings config;
    private final PatientcoHealth health;
    private final PatientcoHttp http;

    public PortalReports(PatientcoConnection connection, PortalSettings config, PatientcoHealth health,
            PatientcoHttp http) {
        this.connection = connection;
        this.config = config;
        this.health = health;
        this.http = http;
    }

    /** The batch's items from its portal report, archived as downloaded. */
    public List<SettlementItem> settlementReport(String batchId) {
        Instant cutoff = Instant.parse(connection.client().one(Resource.SETTLEMENTS, batchId).path("cutoffAt")
                .asText(Instant.now().toString()));
        LocalDate day = cutoff.atZone(ZoneOffset.UTC).toLocalDate();
        return withPortal(driver -> {
            driver.get(base() + "/portal/settlements?from=" + day.minusDays(1) + "&to=" + day.plusDays(1));
            PortalPage page = page(driver, "settlements");
            WebElement row = page.one(By.cssSelector("[data-batch-id='" + batchId + "']"),
                    "row [data-batch-id=" + batchId + "]");
            WebElement link = page.one(row, By.cssSelector("a[data-action=download-report]"),
                    "link a[data-action=download-report]");
            byte[] csv = download(driver, link.getAttribute("href"));
            new DownloadArchive(Path.of(config.archiveDir())).save("settlement-reports", batchId + ".csv", csv);
            return SettlementReportCsv.parse(batchId, new String(csv, StandardCharsets.UTF_8));
        });
    }

    /**
     * Statement PDFs from their accounts' statements pages, in one login: {@code wanted} maps
     * statement ids to account ids; the answer maps each found to its bytes as downloaded. A
     * statement its account's page does not list is left out (the caller retries it).
     */
    public java.util.Map<String, byte[]> statementPdfs(java.util.Map<String, String> wanted) {
        java.util.Map<String, java.util.List<String>> byAccount = new java.util.TreeMap<>();
        wanted.forEach((statement, account) -> byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(statement));
        return withPortal(driver -> {
            java.util.Map<String, byte[]> found = new java.util.LinkedHashMap<>();
            for (java.util.Map.Entry<String, java.util.List<String>> account : byAccount.entrySet()) {
                driver.get(base() + "/portal/accounts/" + account.getKey() + "/statements");
                PortalPage page = page(driver, "account statements");
                List<String> hrefs = page.all(By.cssSelector("a[data-action=download-pdf]")).stream()
                        .map(l -> l.getAttribute("href")).filter(h -> h != null).toList();
                for (String href : hrefs) {
                    String id = href.replaceAll(".*/", "").replaceAll("\\.pdf.*", "");
                    if (account.getValue().contains(id)) {
                        found.put(id, download(driver, href));
                    }
                }
            }
            return found;
        });
    }

    /** Every statement PDF the portal lists for the account, archived; returns the archived files. */
    public List<DownloadArchive.Archived> statementPdfs(String accountId) {
        return withPortal(driver -> {
            driver.get(base() + "/portal/accounts/" + accountId + "/statements");
            PortalPage page = page(driver, "account statements");
            List<WebElement> links = page.all(By.cssSelector("a[data-action=download-pdf]"));
            if (links.isEmpty()) {
                throw page.changed("link a[data-action=download-pdf]");
            }
            DownloadArchive archive = new DownloadArchive(Path.of(config.archiveDir()));
            List<String> hrefs = links.stream().map(l -> l.getAttribute("href")).collect(Collectors.toList());
            List<DownloadArchive.Archived> saved = new ArrayList<>();
            int n = 0;
            for (String href : hrefs) {
                String name = href.replaceAll(".*/(stm_[A-Za-z0-9]+).*", "$1");
                saved.add(archive.save("statements", (name.startsWith("stm_") ? name : accountId + "-" + n) + ".pdf",
                        download(driver, href)));
                n++;
            }
            return saved;
        });
    }

    private interface PortalWork<T> {
        T run(WebDriver driver);
    }

    private <T> T withPortal(PortalWork<T> work) {
        try (PortalBrowser browser = PortalBrowser.open(config.browser())) {
            login(browser.driver());
            T result = work.run(browser.driver());
            health.up("portal");
            return result;
        } catch (PortalLayoutChangedException e) {
            health.down("portal", e.getMessage());
            throw e;
        }
    }

    private void login(WebDriver driver) {
        PatientcoCredentials creds = connection.credentials();
        driver.get(base() + "/portal/login");
        PortalPage page = page(driver, "login");
        WebElement user = page.field("username", "Username", "User name", "User ID", "Email");
        WebElement form = user.findElement(By.xpath("./ancestor::form"));
        page.one(form, By.cssSelector("input[name=_csrf]"), "CSRF token input[name=_csrf]");
        user.sendKeys(creds.username());
        page.field("password", "Password").sendKeys(creds.password());
        page.submit(form);
        if (driver.getCurrentUrl().contains("/portal/mfa")) {
            String method = creds.mfaMethod() == null ? "totp" : creds.mfaMethod();
            String code = method.equals("totp") ? totp(creds) : sentCode(driver, method);
            PortalPage mfa = page(driver, "mfa");
            WebElement field = mfa.field("code", "Code", "Verification code", "One-time code", "Authentication code");
            field.sendKeys(code);
            mfa.submit(field.findElement(By.xpath("./ancestor::form")));
        }
        if (driver.getCurrentUrl().contains("/portal/login") || driver.getCurrentUrl().contains("/portal/mfa")) {
            throw new PatientcoHttpException(401, "portal_login_refused", "The portal refused the login");
        }
    }

    /** Asks the portal to send a code by {@code method} (sms, email) and takes it from the code source, as the API's login does. */
    private String sentCode(WebDriver driver, String method) {
        PortalPage mfa = page(driver, "mfa");
        WebElement choice = mfa.field("method", "Send a code by", "Send code by", "Send code to", "Delivery method");
        Select select = new Select(choice);
        if (select.getOptions().stream().noneMatch(o -> method.equals(o.getAttribute("value")))) {
            throw mfa.changed("option '" + method + "' of the code delivery choice");
        }
        select.selectByValue(method);
        mfa.submit(choice.findElement(By.xpath("./ancestor::form")));
        return connection.mfaCodes().code(method, Duration.ofMinutes(4));
    }

    private String totp(PatientcoCredentials creds) {
        try {
            return Totp.fresh(creds.totpSecret(), Clock.systemUTC(), connection.totpSteps());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a TOTP step");
        }
    }

    /** Downloads with the browser's cookies, so the portal session is the permission. */
    private byte[] download(WebDriver driver, String href) {
        URI uri = URI.create(driver.getCurrentUrl()).resolve(href);
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        PatientcoHttp.Answer a = http.send(PatientcoHttp.Request.get(uri).header("Cookie", cookies).asDownload());
        if (a.status() != 200) {
            throw new PatientcoHttpException(a.status(), a.errorCode(), "Portal download answered " + a.status());
        }
        return a.body();
    }

    private PortalPage page(WebDriver driver, String name) {
        return new PortalPage(driver, name, Path.of(config.diagnosticsDir()));
    }

    private String base() {
        return connection.baseUrl().replaceAll("/+$", "");
    }
}
