package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.MessageComposer;
import com.patientcobridge.hl7.inbound.EhrAdtFeed;
import com.patientcobridge.hl7.inbound.InboundAdtRoutes;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import com.patientcobridge.schedule.SendWindow;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivery to the EHR: the outbox, the dispatcher and its MLLP target (the configured EHR, or a
 * local receiver when {@code ehr.mllp.host} is empty), and the EHR's inbound ADT listener.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeliveryConfig {

    /** Where the EHR listens: the configured host, or the local receiver started here. */
    record EhrTarget(String host, int port, boolean local, boolean tls) {
        EhrTarget(String host, int port, boolean local) {
            this(host, port, local, false);
        }

        /** Null when the listener accepts a connection within two seconds, else why not (the exception's kind). */
        String unreachable() {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, port), 2000);
                return null;
            } catch (IOException e) {
                return e.getClass().getSimpleName();
            }
        }

        String uri(Duration ackTimeout) {
            return "mllp://" + host + ":" + port + "?requireEndOfData=false&validatePayload=false"
                    + "&receiveTimeout=" + ackTimeout.toMillis() + "&readTimeout=" + ackTimeout.toMillis()
                    + "&connectTimeout=5000&idleTimeout=600000&exchangePattern=InOut"
                    + (tls ? EhrTls.uriOption() : "");
        }
    }

    @Bean
    EhrTarget ehrTarget(@Value("${ehr.mllp.host:}") String host, @Value("${ehr.mllp.port:2575}") int port,
            @Value("${ehr.local-receiver.port:2575}") int localPort,
            @Value("${ehr.tls.enabled:false}") boolean tls) throws IOException {
        if (!host.isBlank()) {
            return new EhrTarget(host, port, false, tls);
        }
        if (localPort == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                localPort = s.getLocalPort();
            }
        }
        return new EhrTarget("127.0.0.1", localPort, true, false);
    }

    /** TLS settings of the MLLP connections, registered as "ehrTls" for the endpoints' URIs. */
    @Bean(EhrTls.BEAN)
    @ConditionalOnProperty(name = "ehr.tls.enabled", havingValue = "true")
    SSLContextParameters ehrTls(@Value("${ehr.tls.key-store:}") String keyStore,
            @Value("${ehr.tls.key-store-password:}") String keyStorePassword,
            @Value("${ehr.tls.trust-store}") String trustStore,
            @Value("${ehr.tls.trust-store-password:}") String trustStorePassword) {
        return new EhrTls(keyStore, keyStorePassword, trustStore, trustStorePassword).parameters();
    }

    @Bean
    OutboxRows outboxRows(JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager tx,
            OutboxStatistics statistics) {
        return new OutboxRows(jdbc, tx, statistics);
    }

    @Bean
    DeliveryPolicy deliveryPolicy(@Value("${ehr.connections:4}") int lanes,
            @Value("${ehr.ae-retries:3}") int aeRetries,
            @Value("${ehr.initial-backoff:PT1S}") Duration initial,
            @Value("${ehr.max-backoff:PT30S}") Duration max,
            @Value("${ehr.timeout-resends:3}") int timeoutResends) {
        return new DeliveryPolicy(lanes, aeRetries, initial, max, timeoutResends);
    }

    @Bean("ehr")
    EhrHealthIndicator ehrHealthIndicator(EhrTarget target, JdbcTemplate jdbc) {
        return new EhrHealthIndicator(target, jdbc);
    }

    @Bean
    OutboxDispatcher outboxDispatcher(DataSource dataSource, OutboxRows rows, MessageComposer composer,
            ObjectProvider<CamelContext> camel, EhrTarget target, DeliveryPolicy policy, ObjectProvider<SendWindow> window,
            DeliveryControl control,
            @Value("${ehr.ack-timeout:PT15S}") Duration ackTimeout, ObjectProvider<MeterRegistry> meters,
            @Value("${ehr.delivery:mllp}") String delivery, @Value("${ehr.file.dir:out/ehr-files}") String fileDir) {
        OutboxDispatcher dispatcher = new OutboxDispatcher(dataSource, rows, composer, camel, target.uri(ackTimeout),
                policy, control.and(window.getIfAvailable()));
        meters.ifAvailable(dispatcher::meterWith);
        if (delivery.equals("file")) {
            dispatcher.writeFiles(new BatchFiles(() -> camel.getObject().createProducerTemplate(), fileDir,
                    Clock.systemUTC()));
        }
        return dispatcher;
    }

    @Bean
    EhrConnectionState ehrConnectionState(EhrTarget target, @Value("${ehr.delivery:mllp}") String delivery,
            @Value("${ehr.file.dir:out/ehr-files}") String fileDir) {
        return delivery.equals("file") ? EhrConnectionState.files(fileDir) : new EhrConnectionState(target);
    }

    @Bean
    DeliveryControl deliveryControl(JdbcTemplate jdbc, ObjectProvider<OutboxDispatcher> dispatcher) {
        return new DeliveryControl(jdbc, () -> dispatcher.ifAvailable(OutboxDispatcher::nudge));
    }

    @Bean
    PostgresOutbox outbox(JdbcTemplate jdbc, DeliveryPolicy policy, OutboxStatistics statistics,
            ObjectProvider<OutboxDispatcher> dispatcher) {
        return new PostgresOutbox(jdbc, policy.lanes(), () -> dispatcher.ifAvailable(OutboxDispatcher::nudge),
                statistics);
    }

    @Bean(destroyMethod = "close")
    OutboxStatistics outboxStatistics(JdbcTemplate jdbc) {
        return new OutboxStatistics(jdbc);
    }

    @Bean
    RouteBuilder localEhrReceiver(EhrTarget target, @Value("${ehr.local-receiver.inbox:out/ehr-inbox}") String inbox) {
        return target.local() ? new EhrReceiverRoutes(target.port(), inbox) : new RouteBuilder() {
            @Override
            public void configure() {
                // a real EHR is configured: no local receiver
            }
        };
    }

    /** The EHR's ADT feed back ({@code ehr.inbound.port}, 0: off), on loopback unless an address is configured. */
    @Bean
    RouteBuilder inboundAdt(@Value("${ehr.inbound.port:0}") int port,
            @Value("${ehr.inbound.bind-address:127.0.0.1}") String address, PostgresCrosswalk crosswalk,
            OutboxRows rows, ObjectProvider<OutboxDispatcher> dispatcher, @Value("${ehr.tls.enabled:false}") boolean tls) {
        if (port <= 0) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    // no inbound ADT listener configured
                }
            };
        }
        EhrAdtFeed feed = new EhrAdtFeed(crosswalk, () -> {
            if (rows.releaseLinked() > 0) {
                dispatcher.ifAvailable(OutboxDispatcher::nudge);
            }
        });
        return new InboundAdtRoutes(address, port, tls ? EhrTls.uriOption() : "", feed);
    }

    @Bean
    OutboxReplay outboxReplay(OutboxRows rows, ObjectProvider<OutboxDispatcher> dispatcher) {
        return new OutboxReplay(rows, () -> dispatcher.ifAvailable(OutboxDispatcher::nudge));
    }

    /** Releases rows whose MRN arrived by other paths (an account re-read) every few seconds. */
    @Bean
    LinkageRelease linkageRelease(OutboxRows rows, ObjectProvider<OutboxDispatcher> dispatcher,
            @Value("${ehr.linkage-wait:P7D}") Duration wait) {
        return new LinkageRelease(rows, dispatcher, wait);
    }

    /** Periodic release of needs_linkage rows. */
    static final class LinkageRelease {
        private final OutboxRows rows;
        private final ObjectProvider<OutboxDispatcher> dispatcher;
        private final Duration wait;

        LinkageRelease(OutboxRows rows, ObjectProvider<OutboxDispatcher> dispatcher, Duration wait) {
            this.rows = rows;
            this.dispatcher = dispatcher;
            this.wait = wait;
        }

        @Scheduled(fixedDelayString = "${ehr.linkage-check:PT5S}")
        void release() {
            if (rows.releaseLinked() > 0) {
                dispatcher.ifAvailable(OutboxDispatcher::nudge);
            }
            dispatcher.ifAvailable(d -> d.expireLinkage(wait));
        }
    }
}
