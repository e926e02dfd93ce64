package com.patientcobridge.support;

import java.io.File;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether a Chromium test may run: in CI ({@code CI=true}, where {@code .ci/run} installs Chromium)
 * a missing browser fails the test; on a developer's machine without it the test is skipped.
 */
public final class Chromium {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private Chromium() {
    }

    public static void required() {
        boolean present = new File(BINARY).canExecute() && new File(DRIVER).canExecute();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(present, "CI=true but Chromium is not installed at " + BINARY + " and " + DRIVER
                    + " (.ci/run installs chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present,
                "Chromium is not installed (apt-get install chromium chromium-driver): skipping the Chromium run");
    }
}
