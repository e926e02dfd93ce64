package com.patientcobridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.patientco.PatientcoComponent;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poll routes engineers deploy (routes/patientco-poll-template.yaml and its instances in
 * routes/patientco-polls.yaml) as routes: each resource is read on its own schedule and trigger,
 * and its pages reach its own flow. The Patientco consumer is replaced by a direct endpoint
 * (AdviceWith) and the flows by mocks, so no Patientco and no database are needed.
 */
class PollRoutesTest {

    static final Map<String, String> FLOWS = Map.of("accounts", "account-records", "statements", "statement-records",
            "payments", "payment-records", "refunds", "refund-records", "chargebacks", "chargeback-records",
            "settlements", "settlement-records", "payment-plans", "payment-plan-records",
            "communications", "communication-records");

    DefaultCamelContext camel;

    @BeforeEach
    void load() throws Exception {
        camel = new DefaultCamelContext();
        Properties props = new Properties();
        FLOWS.keySet().forEach(job -> props.setProperty("bridge.schedule." + job, "0 0 " + job.length() + " * * ?"));
        props.setProperty("bridge.schedule.zone", "America/New_York");
        props.setProperty("bridge.schedule.enabled", "false");
        props.setProperty("patientco.page-size", "500");
        camel.getPropertiesComponent().setInitialProperties(props);
        for (String file : new String[] {"patientco-poll-template.yaml", "patientco-polls.yaml"}) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/" + file));
        }
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void everyResourceIsPolledOnItsOwnScheduleAndTrigger() throws Exception {
        // The real component, pointed nowhere: its consumers start (with their schedulers off) and never call out.
        PatientcoComponent patientco = new PatientcoComponent();
        patientco.getConfiguration().setBaseUrl("http://127.0.0.1:9");
        camel.addComponent("patientco", patientco);
        FLOWS.values().forEach(flow -> {
            try {
                camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:" + flow).to("mock:" + flow);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        camel.start();
        for (String resource : FLOWS.keySet()) {
            org.apache.camel.Route route = camel.getRoute(resource + "-poll");
            assertThat(route).as(resource + "-poll").isNotNull();
            String uri = java.net.URLDecoder.decode(route.getEndpoint().getEndpointUri(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(uri).startsWith("patientco://" + resource + "?")
                    .contains("scheduler=quartz", "scheduler.triggerId=" + resource, "scheduler.triggerGroup=bridge",
                            "scheduler.cron=0 0 " + resource.length() + " * * ?", "startScheduler=false", "pageSize=500",
                            "America/New_York");
            assertThat(route.getConsumer()).isInstanceOf(com.patientcobridge.patientco.SyncSource.class);
        }
    }

    @Test
    void everyResourcesPagesReachItsOwnFlow() throws Exception {
        for (String resource : FLOWS.keySet()) {
            AdviceWith.adviceWith(camel, resource + "-poll", a -> a.replaceFromWith("direct:poll-" + resource));
        }
        // For the whole context: every flow endpoint becomes a mock that takes the page and goes no further.
        AdviceWith.adviceWith(camel, "payments-poll", a -> a.mockEndpointsAndSkip("direct:.*-records"));
        camel.start();
        for (Map.Entry<String, String> e : FLOWS.entrySet()) {
            MockEndpoint flow = camel.getEndpoint("mock:direct:" + e.getValue(), MockEndpoint.class);
            flow.expectedBodiesReceived("a page of " + e.getKey());
        }
        FLOWS.keySet().forEach(r -> camel.createProducerTemplate().sendBody("direct:poll-" + r, "a page of " + r));
        MockEndpoint.assertIsSatisfied(camel);
    }
}
