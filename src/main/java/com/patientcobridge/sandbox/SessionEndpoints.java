package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.Exchange.MAPPER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.sandbox.Exchange.ApiError;
import java.io.IOException;
import java.util.Map;

/** {@code /api/v1/sessions...} and {@code /oauth/token}: password, MFA, refresh, logout, client credentials. */
final class SessionEndpoints {

    private final Sessions sessions;

    SessionEndpoints(Sessions sessions) {
        this.sessions = sessions;
    }

    void handle(Exchange ex, String[] parts) throws IOException {
        if (ex.path.equals("/oauth/token") && ex.method.equals("POST")) {
            Map<String, String> form = ex.form();
            if (!"client_credentials".equals(form.get("grant_type"))) {
                throw new ApiError(400, "unsupported_grant_type", "Only client_credentials is supported");
            }
            String[] t = sessions.clientCredentials(form.get("client_id"), form.get("client_secret"));
            ObjectNode n = MAPPER.createObjectNode();
            n.put("access_token", t[0]);
            n.put("token_type", "Bearer");
            n.put("expires_in", Long.parseLong(t[3]));
            ex.json(200, n);
        } else if (ex.path.equals("/api/v1/sessions") && ex.method.equals("POST")) {
            ObjectNode body = ex.json();
            String challenge = sessions.login(body.path("username").asText(null), body.path("password").asText(null));
            ObjectNode n = MAPPER.createObjectNode();
            n.put("mfaRequired", true);
            n.put("challengeId", challenge);
            n.putArray("methods").add("totp").add("sms").add("email");
            ex.json(202, n);
        } else if (ex.path.equals("/api/v1/sessions/refresh") && ex.method.equals("POST")) {
            token(ex, sessions.refresh(ex.json().path("refreshToken").asText(null)));
        } else if (ex.path.equals("/api/v1/sessions/current") && ex.method.equals("DELETE")) {
            sessions.authenticate(ex.header("Authorization"));
            sessions.revoke(ex.header("Authorization"));
            ex.send(204, "application/json", new byte[0]);
        } else if (parts.length == 7 && parts[5].equals("mfa") && parts[6].equals("send") && ex.method.equals("POST")) {
            String method = ex.json().path("method").asText("");
            if (!method.equals("sms") && !method.equals("email")) {
                throw new ApiError(400, "invalid_method", "method must be sms or email");
            }
            sessions.send(parts[4], method);
            ex.send(204, "application/json", new byte[0]);
        } else if (parts.length == 6 && parts[5].equals("mfa") && ex.method.equals("POST")) {
            ObjectNode body = ex.json();
            token(ex, sessions.verify(parts[4], body.path("method").asText(""), body.path("code").asText(null)));
        } else {
            throw new ApiError(404, "not_found", "No such endpoint: " + ex.method + " " + ex.path);
        }
    }

    private static void token(Exchange ex, String[] t) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("token", t[0]);
        n.put("expiresAt", t[2]);
        n.put("refreshToken", t[1]);
        ex.json(200, n);
    }
}
