package com.patientcobridge.system;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** In once-mode the Quartz schedules must not fire and there is no separate start-up cycle. */
public final class OnceModeDefaults implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** A Quartz cron that does not fire in practice. */
    public static final String NEVER = "0 0 0 1 1 ? 2099";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getEnvironment().getProperty("bridge.once", Boolean.class, false)) {
            Map<String, Object> props = new java.util.HashMap<>(Map.of("bridge.schedule.enabled", "false",
                    "bridge.startup-run", "false", "server.port", "0",
                    // A one-off run keeps its triggers to itself: the cluster's shared ones stay as they are.
                    "bridge.schedule.store", "memory"));
            // Quartz polls ignore startScheduler: a cron that never comes keeps them quiet while the cycle runs.
            for (String job : java.util.List.of("accounts", "statements", "payments", "refunds", "chargebacks",
                    "settlements", "payment-plans", "communications", "outreach", "retention")) {
                props.put("bridge.schedule." + job, NEVER);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("once-mode", props));
        }
    }
}
