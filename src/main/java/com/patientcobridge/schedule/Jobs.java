package com.patientcobridge.schedule;

import com.patientcobridge.patientco.SyncSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/** The bridge's jobs, in the order a full cycle runs them, each found as the {@link SyncSource} of its route. */
public class Jobs {

    /** The order of a full cycle: accounts before what posts against them, settlements after payments. */
    public static final List<String> ORDER = List.of("accounts", "statements", "payments", "refunds", "chargebacks",
            "settlements", "payment-plans", "communications");

    private final CamelContext camel;

    public Jobs(CamelContext camel) {
        this.camel = camel;
    }

    public Optional<SyncSource> find(String job) {
        for (Route route : camel.getRoutes()) {
            if (route.getConsumer() instanceof SyncSource s && s.job().equals(job)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Every job that has a route, in cycle order. */
    public List<SyncSource> all() {
        List<SyncSource> list = new ArrayList<>();
        for (String job : ORDER) {
            find(job).ifPresent(list::add);
        }
        return list;
    }

    public SyncSource.RunResult run(String job, String trigger, Instant backfillFrom) {
        return find(job).orElseThrow(() -> new IllegalArgumentException("No job named '" + job + "'"))
                .runNow(trigger, backfillFrom);
    }
}
