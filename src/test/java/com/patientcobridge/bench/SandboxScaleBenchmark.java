package com.patientcobridge.bench;

import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.sandbox.SandboxSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The sandbox at scale: 250,000 accounts and 1,000,000 payments served through paging. Prints the
 * first-page latency (median of 20) and a deep page's, and the peak heap. Run with {@code -Xmx1g}.
 */
public final class SandboxScaleBenchmark {

    private SandboxScaleBenchmark() {
    }

    private static com.patientcobridge.patientco.http.PatientcoHttp started(
            com.patientcobridge.patientco.http.PatientcoHttp http, org.apache.camel.CamelContext camel) {
        camel.start();
        return http;
    }

    public static void main(String[] args) throws Exception {
        int guarantors = args.length > 0 ? Integer.parseInt(args[0]) : 250_000;
        long start = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withGuarantors(guarantors), 0);
                org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext()) {
            double startSeconds = (System.nanoTime() - start) / 1e9;
            server.clock().advanceDays(2);
            String token = new com.patientcobridge.patientco.session.PatientcoSession(server.baseUrl(),
                    new com.patientcobridge.patientco.session.PatientcoCredentials("password", server.settings().username(),
                            server.settings().password(), server.settings().totpSecret(), "totp", null, null),
                    started(new com.patientcobridge.patientco.http.PatientcoHttp(camel,
                            com.patientcobridge.patientco.http.RetryPolicy.defaults()), camel), null,
                    java.time.Clock.systemUTC(), com.patientcobridge.patientco.session.TotpSteps.IN_PROCESS).token();
            HttpClient client = HttpClient.newHttpClient();
            List<Double> first = new ArrayList<>();
            List<Double> deep = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                first.add(time(client, server.baseUrl() + "/api/v1/payments?limit=500", token));
                deep.add(time(client, server.baseUrl() + "/api/v1/payments?limit=500&updatedSince=2026-10-20T00:00:00Z",
                        token));
            }
            Collections.sort(first);
            Collections.sort(deep);
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("sandbox: %d accounts, %d payments; start %.2f s; first page (500) median %.1f ms; "
                    + "page from updatedSince median %.1f ms; peak heap %d MB (max %d MB)%n", guarantors,
                    guarantors * 4L, startSeconds, first.get(10), deep.get(10), peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static double time(HttpClient client, String url, String token) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return (System.nanoTime() - t) / 1e6;
    }
}
