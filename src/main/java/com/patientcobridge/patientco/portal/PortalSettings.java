package com.patientcobridge.patientco.portal;

/**
 * What the portal path needs of the endpoint's options: where downloads are archived, where a
 * changed page's diagnostics go, and which browser drives the portal ({@code htmlunit} or {@code chromium}).
 */
public record PortalSettings(String archiveDir, String diagnosticsDir, String browser) {
}
