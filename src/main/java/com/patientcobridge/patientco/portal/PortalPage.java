package com.patientcobridge.patientco.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Finds elements on one portal page by what survives a redesign: {@code <label>} texts and
 * {@code data-*} attributes (names of form fields as a last resort). When an element is not
 * there, the page source is kept in the diagnostics folder and a layout-changed error is thrown.
 */
final class PortalPage {

    private final WebDriver driver;
    private final String page;
    private final Path diagnostics;

    PortalPage(WebDriver driver, String page, Path diagnostics) {
        this.driver = driver;
        this.page = page;
        this.diagnostics = diagnostics;
    }

    /** The form field whose label reads one of {@code labels} (any case), else the field named {@code name}. */
    WebElement field(String name, String... labels) {
        for (WebElement label : driver.findElements(By.tagName("label"))) {
            String text = label.getText().strip().replaceAll("[:*]\\s*$", "").strip();
            for (String wanted : labels) {
                if (text.equalsIgnoreCase(wanted)) {
                    String forId = label.getAttribute("for");
                    if (forId != null && !forId.isBlank()) {
                        List<WebElement> byId = driver.findElements(By.id(forId));
                        if (!byId.isEmpty()) {
                            return byId.get(0);
                        }
                    }
                    List<WebElement> inside = label.findElements(By.cssSelector("input, select, textarea"));
                    if (!inside.isEmpty()) {
                        return inside.get(0);
                    }
                }
            }
        }
        return one(By.cssSelector("[name='" + name + "']"), "field labelled '" + labels[0] + "'");
    }

    /** The first element matching, or a layout-changed error naming {@code what}. */
    WebElement one(By by, String what) {
        List<WebElement> found = driver.findElements(by);
        if (found.isEmpty()) {
            throw changed(what);
        }
        return found.get(0);
    }

    WebElement one(WebElement within, By by, String what) {
        List<WebElement> found = within.findElements(by);
        if (found.isEmpty()) {
            throw changed(what);
        }
        return found.get(0);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The form's submit control, whatever its text. */
    void submit(WebElement form) {
        List<WebElement> buttons = form.findElements(By.cssSelector("button[type=submit], input[type=submit], button:not([type])"));
        if (buttons.isEmpty()) {
            throw changed("submit button");
        }
        buttons.get(0).click();
        // A real browser returns from click() before the next page has loaded: wait for this form to go.
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(form));
    }

    PortalLayoutChangedException changed(String what) {
        return new PortalLayoutChangedException(page, what, keepSource());
    }

    /** Saves the page source in a folder only the bridge's user can read (it may show account data). */
    private String keepSource() {
        try {
            Files.createDirectories(diagnostics);
            Files.setPosixFilePermissions(diagnostics, PosixFilePermissions.fromString("rwx------"));
            Path file = diagnostics.resolve(page.replaceAll("[^A-Za-z0-9-]", "_") + "-"
                    + Instant.now().toEpochMilli() + ".html");
            Files.writeString(file, driver.getPageSource(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
