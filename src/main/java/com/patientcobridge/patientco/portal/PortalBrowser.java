package com.patientcobridge.patientco.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.htmlunit.BrowserVersion;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * A browser for the portal: HtmlUnit (pure Java, the default) or headless Chromium. Closing it
 * quits the browser and deletes Chromium's profile folder.
 */
public final class PortalBrowser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final WebDriver driver;
    private final Path profile;

    private PortalBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static PortalBrowser open(String browser) {
        if ("chromium".equalsIgnoreCase(browser)) {
            try {
                // Without the property Selenium Manager tries to download a driver, which is blocked here.
                System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
                Path profile = Files.createTempDirectory("portal-chromium");
                ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--user-data-dir=" + profile);
                return new PortalBrowser(new ChromeDriver(options), profile);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create a Chromium profile folder", e);
            }
        }
        return new PortalBrowser(new HtmlUnitDriver(BrowserVersion.CHROME, true), null);
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // A leftover temporary profile is harmless.
                }
            }
        }
    }
}
