package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.sandbox.Exchange.ApiError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The portal's pages (for the browser path): login with CSRF, MFA, settlements with report
 * downloads, statements with PDF links. Layout 2 changes ids, classes and link texts but keeps
 * the labels and data-* attributes, as portals do when they are redesigned.
 */
final class SandboxPortal {

    private final SandboxServer server;
    private final PortalSessions sessions = new PortalSessions();

    SandboxPortal(SandboxServer server) {
        this.server = server;
    }

    void handle(Exchange ex, String[] parts) throws IOException {
        PortalSessions.Session s = sessions.of(ex);
        String page = parts.length > 2 ? parts[2] : "";
        boolean two = server.faults().portalLayout() == 2;
        if (page.equals("login") && ex.method.equals("GET")) {
            html(ex, "Sign in", form(two ? "signin-form" : "login", "/portal/login", s.csrf,
                    field(two, "username", "Username", "text") + field(two, "password", "Password", "password"),
                    two ? "Continue" : "Log in"));
        } else if (page.equals("login")) {
            Map<String, String> form = ex.form();
            csrf(s, form);
            try {
                s.challengeId = server.sessions().login(form.get("username"), form.get("password"));
                redirect(ex, "/portal/mfa");
            } catch (Sessions.AuthError e) {
                redirect(ex, "/portal/login?error=" + e.code);
            }
        } else if (page.equals("mfa") && parts.length == 4 && parts[3].equals("send") && ex.method.equals("POST")) {
            Map<String, String> form = ex.form();
            csrf(s, form);
            String method = form.get("method");
            if (!"sms".equals(method) && !"email".equals(method)) {
                throw new ApiError(400, "invalid_method", "A code is sent by sms or email");
            }
            try {
                server.sessions().send(s.challengeId, method);
                s.mfaMethod = method;
                redirect(ex, "/portal/mfa?sent=" + method);
            } catch (Sessions.AuthError e) {
                redirect(ex, "/portal/login?error=" + e.code);
            }
        } else if (page.equals("mfa") && ex.method.equals("GET")) {
            // A code from the authenticator app, or one sent by text message or e-mail on request.
            html(ex, "Verify", form(two ? "verify-form" : "mfa", "/portal/mfa", s.csrf,
                    field(two, "code", "One-time code", "text"), two ? "Verify" : "Submit")
                    + form(two ? "deliver-form" : "mfa-send", "/portal/mfa/send", s.csrf,
                    choice(two, "method", "Send a code by", new String[][] {{"sms", two ? "SMS" : "Text message"},
                            {"email", two ? "Mail" : "E-mail"}}), two ? "Send" : "Send code"));
        } else if (page.equals("mfa")) {
            Map<String, String> form = ex.form();
            csrf(s, form);
            try {
                server.sessions().verify(s.challengeId, s.mfaMethod, form.get("code"));
                s.authenticated = true;
                redirect(ex, "/portal/settlements");
            } catch (Sessions.AuthError e) {
                redirect(ex, "/portal/mfa?error=" + e.code);
            }
        } else if (!s.authenticated) {
            redirect(ex, "/portal/login");
        } else if (page.equals("settlements") && parts.length == 3) {
            settlements(ex, two);
        } else if (page.equals("settlements") && parts.length == 5 && parts[4].equals("report.csv")) {
            report(ex, parts[3]);
        } else if (page.equals("accounts") && parts.length == 5 && parts[4].equals("statements")) {
            statements(ex, parts[3], two);
        } else if (page.equals("statements") && parts.length == 4 && parts[3].endsWith(".pdf")) {
            ObjectNode st = server.world().find(parts[3].replace(".pdf", ""))
                    .orElseThrow(() -> new ApiError(404, "not_found", "No statement " + parts[3]));
            ex.send(200, "application/pdf", server.faults().pdf(st.path("id").asText(), StatementPdf.render(st)));
        } else {
            throw new ApiError(404, "not_found", "No portal page " + ex.path);
        }
    }

    private void settlements(Exchange ex, boolean two) throws IOException {
        LocalDate to = ex.query.containsKey("to") ? LocalDate.parse(ex.query.get("to")) : server.world().today;
        LocalDate from = ex.query.containsKey("from") ? LocalDate.parse(ex.query.get("from")) : to.minusDays(7);
        StringBuilder rows = new StringBuilder();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (String facility : SandboxData.FACILITIES) {
                String id = SandboxData.batchId(facility, d);
                var batch = server.world().find(id);
                if (batch.isPresent()) {
                    ObjectNode b = batch.get();
                    rows.append("<tr class=\"").append(two ? "batch-line" : "settlement-row").append("\" data-batch-id=\"")
                            .append(id).append("\"><td>").append(id).append("</td><td>").append(b.path("status").asText())
                            .append("</td><td>").append(b.path("netAmount").asText()).append("</td><td><a data-action=")
                            .append("\"download-report\" href=\"/portal/settlements/").append(id).append("/report.csv\">")
                            .append(two ? "CSV" : "Download report").append("</a></td></tr>");
                }
            }
        }
        html(ex, "Settlements", "<table id=\"" + (two ? "deposits" : "settlements") + "\"><thead><tr><th>Batch</th>"
                + "<th>Status</th><th>Net</th><th></th></tr></thead><tbody>" + rows + "</tbody></table>");
    }

    private static String text(ObjectNode item, String field) {
        return item.path(field).isNull() ? null : item.path(field).asText(null);
    }

    private void report(Exchange ex, String batchId) throws IOException {
        List<ObjectNode> items = server.world().items(batchId);
        if (items == null) {
            throw new ApiError(404, "not_found", "No settlement " + batchId);
        }
        java.io.StringWriter csv = new java.io.StringWriter();
        try (org.apache.commons.csv.CSVPrinter out = new org.apache.commons.csv.CSVPrinter(csv,
                org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader("batch_id", "item_id", "type", "payment_id",
                        "refund_id", "chargeback_id", "account_id", "amount", "occurred_at").get())) {
            for (ObjectNode i : items) {
                out.printRecord(batchId, i.path("id").asText(), i.path("type").asText(), text(i, "paymentId"),
                        text(i, "refundId"), text(i, "chargebackId"), text(i, "accountId"), i.path("amount").asText(),
                        i.path("occurredAt").asText());
            }
        }
        ex.send(200, "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void statements(Exchange ex, String accountId, boolean two) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int month = 0; month < SandboxData.STATEMENTS_PER_ACCOUNT; month++) {
            String id = "stm_" + accountId.substring(4) + month;
            if (server.world().find(id).isPresent()) {
                rows.append("<tr data-statement-id=\"").append(id).append("\"><td>").append(id)
                        .append("</td><td><a data-action=\"download-pdf\" href=\"/portal/statements/").append(id)
                        .append(".pdf\">").append(two ? "PDF" : "Download statement").append("</a></td></tr>");
            }
        }
        html(ex, "Statements", "<table class=\"" + (two ? "docs" : "statements") + "\"><tbody>" + rows + "</tbody></table>");
    }

    private static void csrf(PortalSessions.Session s, Map<String, String> form) {
        if (!s.csrf.equals(form.get("_csrf"))) {
            throw new ApiError(403, "csrf", "Missing or wrong CSRF token");
        }
    }

    private static String form(String id, String action, String csrf, String fields, String button) {
        return "<form id=\"" + id + "\" method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"_csrf\" "
                + "value=\"" + csrf + "\">" + fields + "<button type=\"submit\">" + button + "</button></form>";
    }

    private static String field(boolean two, String name, String label, String type) {
        String id = (two ? "f-" : "") + name;
        return "<div class=\"" + (two ? "input-row" : "field") + "\"><label for=\"" + id + "\">" + label + "</label>"
                + "<input id=\"" + id + "\" name=\"" + name + "\" type=\"" + type + "\"></div>";
    }

    private static String choice(boolean two, String name, String label, String[][] options) {
        String id = (two ? "f-" : "") + name;
        StringBuilder select = new StringBuilder("<select id=\"" + id + "\" name=\"" + name + "\">");
        for (String[] o : options) {
            select.append("<option value=\"").append(o[0]).append("\">").append(o[1]).append("</option>");
        }
        return "<div class=\"" + (two ? "input-row" : "field") + "\"><label for=\"" + id + "\">" + label + "</label>"
                + select + "</select></div>";
    }

    private static void html(Exchange ex, String title, String body) throws IOException {
        ex.send(200, "text/html; charset=utf-8", ("<!doctype html><html><head><title>" + title
                + " - Patientco</title></head><body><h1>" + title + "</h1>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(Exchange ex, String location) throws IOException {
        ex.http.getResponseHeaders().set("Location", location);
        ex.send(302, "text/html", new byte[0]);
    }
}
