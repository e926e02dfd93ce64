package com.patientcobridge.patientco;

import com.patientcobridge.patientco.session.PatientcoCredentials;
import java.time.Duration;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** The options of a {@code patientco:} endpoint; the component holds the defaults and copies them per endpoint. */
@UriParams
public class PatientcoConfiguration implements Cloneable {

    @UriParam(description = "Root URL of the Patientco server (not /api/v1)")
    private String baseUrl;
    @UriParam(label = "security", defaultValue = "password", enums = "password,oauth",
            description = "How the bridge logs in: password (with MFA) or oauth (client credentials)")
    private String auth = "password";
    @UriParam(label = "security", secret = true, description = "Patientco user name")
    private String username;
    @UriParam(label = "security", secret = true, description = "Patientco password")
    private String password;
    @UriParam(label = "security", secret = true, description = "Base32 TOTP secret given at MFA enrolment")
    private String totpSecret;
    @UriParam(label = "security", secret = true, description = "OAuth client id")
    private String clientId;
    @UriParam(label = "security", secret = true, description = "OAuth client secret")
    private String clientSecret;
    @UriParam(label = "security", defaultValue = "totp", enums = "totp,sms,email",
            description = "MFA method when the user is enrolled")
    private String mfaMethod = "totp";
    @UriParam(label = "consumer", defaultValue = "200", description = "Records per page (1 to 500)")
    private int pageSize = 200;
    @UriParam(label = "consumer", defaultValue = "5m", description = "How far before the watermark each read "
            + "starts (5m, 30s, PT5M), so records sharing a timestamp are not missed")
    private String overlap = "5m";
    @UriParam(label = "consumer", description = "Only this facility's records (accounts, settlements)")
    private String facilityId;
    @UriParam(label = "consumer", defaultValue = "direct:dead-letter",
            description = "Where malformed records are set aside")
    private String deadLetterUri = "direct:dead-letter";
    @UriParam(label = "producer", defaultValue = "get", enums = "get,create,void,refund,pdf,items,report",
            description = "Producer operation: get (header PatientcoId), create, void, refund (money writes), pdf "
                    + "(statement PDF by PatientcoId), items/report (settlement items by PatientcoSettlementId)")
    private String operation = "get";
    @UriParam(label = "producer", description = "Settlement items as an Iterator read page by page, for very "
            + "large batches, instead of a List")
    private boolean streamItems;
    @UriParam(label = "consumer", defaultValue = "/patientco/webhooks",
            description = "patientco:webhooks: the path of the application's web server deliveries are posted to")
    private String webhookPath = "/patientco/webhooks";
    @UriParam(label = "security", secret = true, description = "Shared secret of the webhook subscription")
    private String webhookSecret;
    @UriParam(label = "consumer", defaultValue = "5m", description = "Largest accepted clock skew of a webhook")
    private String webhookTolerance = "5m";
    @UriParam(label = "portal", defaultValue = "htmlunit", enums = "htmlunit,chromium",
            description = "Browser driving the portal")
    private String browser = "htmlunit";
    @UriParam(label = "portal", defaultValue = "data/archive", description = "Where downloaded PDFs and "
            + "reports are archived with their SHA-256 checksums")
    private String archiveDir = "data/archive";
    @UriParam(label = "portal", defaultValue = "data/portal-diagnostics", description = "Where the page source "
            + "is kept when the portal layout changed (created with permissions 700)")
    private String diagnosticsDir = "data/portal-diagnostics";
    @Metadata(label = "advanced", description = "Shown in the health check")
    private String name = "patientco";

    public PatientcoConfiguration copy() {
        try {
            return (PatientcoConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The login this configuration describes; endpoints with the same one share a session. */
    public PatientcoCredentials credentials() {
        return new PatientcoCredentials(auth, username, password, totpSecret, mfaMethod, clientId, clientSecret);
    }

    /** {@code 5m}, {@code 30s}, {@code 2h} or ISO-8601 ({@code PT5M}). */
    static Duration duration(String text) {
        String o = text.trim();
        if (o.startsWith("P")) {
            return Duration.parse(o);
        }
        long n = Long.parseLong(o.replaceAll("\\D", ""));
        return o.endsWith("ms") ? Duration.ofMillis(n) : o.endsWith("s") ? Duration.ofSeconds(n)
                : o.endsWith("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
    }

    public Duration overlapDuration() {
        return duration(overlap);
    }

    public Duration webhookToleranceDuration() {
        return duration(webhookTolerance);
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getAuth() { return auth; }
    public void setAuth(String auth) { this.auth = auth; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getTotpSecret() { return totpSecret; }
    public void setTotpSecret(String totpSecret) { this.totpSecret = totpSecret; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getMfaMethod() { return mfaMethod; }
    public void setMfaMethod(String mfaMethod) { this.mfaMethod = mfaMethod; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public String getOverlap() { return overlap; }
    public void setOverlap(String overlap) { this.overlap = overlap; }
    public String getFacilityId() { return facilityId; }
    public void setFacilityId(String facilityId) { this.facilityId = facilityId; }
    public String getDeadLetterUri() { return deadLetterUri; }
    public void setDeadLetterUri(String deadLetterUri) { this.deadLetterUri = deadLetterUri; }
    public String getOperation() { return operation; }
    public void setOperation(String operation) { this.operation = operation; }
    public boolean isStreamItems() { return streamItems; }
    public void setStreamItems(boolean streamItems) { this.streamItems = streamItems; }
    public String getWebhookPath() { return webhookPath; }
    public void setWebhookPath(String webhookPath) { this.webhookPath = webhookPath; }
    public String getWebhookSecret() { return webhookSecret; }
    public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
    public String getWebhookTolerance() { return webhookTolerance; }
    public void setWebhookTolerance(String webhookTolerance) { this.webhookTolerance = webhookTolerance; }
    public String getBrowser() { return browser; }
    public void setBrowser(String browser) { this.browser = browser; }
    public String getArchiveDir() { return archiveDir; }
    public void setArchiveDir(String archiveDir) { this.archiveDir = archiveDir; }
    public String getDiagnosticsDir() { return diagnosticsDir; }
    public void setDiagnosticsDir(String diagnosticsDir) { this.diagnosticsDir = diagnosticsDir; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
}
