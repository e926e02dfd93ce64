package com.patientcobridge.ops;

import java.util.Date;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Each job's cron (from configuration) and next fire time (from Quartz). */
@Component
class JobSchedules {

    private final CamelContext camel;
    private final Environment env;

    JobSchedules(CamelContext camel, Environment env) {
        this.camel = camel;
        this.env = env;
    }

    String cron(String job) {
        return env.getProperty("bridge.schedule." + job);
    }

    Date nextFire(String job) {
        try {
            QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
            Trigger trigger = quartz.getScheduler().getTrigger(TriggerKey.triggerKey(job, "bridge"));
            return trigger == null ? null : trigger.getNextFireTime();
        } catch (Exception e) {
            return null;
        }
    }
}
