package com.patientcobridge.webhooks;

import com.patientcobridge.patientco.webhook.WebhookIngress;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patientco's webhook deliveries as an endpoint of the application's own web server, under its
 * TLS and security configuration ({@code server.ssl.*}; the HMAC signature is the delivery's
 * credential). A body above the limit is answered 413 and read no further; the rest is handed to
 * the {@code patientco:webhooks} consumer that opened the path, which answers it.
 */
@RestController
class WebhookEndpoint implements WebhookIngress {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
    private final Map<String, WebhookHandler> handlers = new ConcurrentHashMap<>();
    private final int maxBodyBytes;

    WebhookEndpoint(@Value("${patientco.webhook.max-body-bytes:65536}") int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void open(String path, WebhookHandler handler) {
        handlers.put(path, handler);
    }

    @Override
    public void close(String path) {
        handlers.remove(path);
    }

    @PostMapping(path = "${patientco.webhook.path:/patientco/webhooks}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> deliver(HttpServletRequest request) throws IOException {
        WebhookHandler handler = handlers.get(request.getServletPath());
        if (handler == null) {
            return ResponseEntity.status(503).body("webhooks are not taken now");
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            LOG.warn("Webhook delivery of {} bytes refused before reading (limit {})", declared, maxBodyBytes);
            return tooLarge();
        }
        byte[] body = readAtMost(request.getInputStream(), maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            LOG.warn("Webhook delivery above {} bytes refused; the rest was not read", maxBodyBytes);
            return tooLarge();
        }
        Answer answer = handler.handle(request.getHeader("Patientco-Signature"), body);
        return ResponseEntity.status(answer.status()).body(answer.text());
    }

    private ResponseEntity<String> tooLarge() {
        // Connection: close, so the server does not read on to the end of a huge body.
        return ResponseEntity.status(413).header("Connection", "close").body("body above " + maxBodyBytes + " bytes");
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }
}
