package com.patientcobridge.outreach;

import com.patientcobridge.codes.CodeTableException;
import com.patientcobridge.codes.CodeTableRule;
import com.patientcobridge.codes.CodeTables;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The outreach feed's rule, from {@code mappings/outreach.yaml}, checked at start-up. */
public final class OutreachRules implements CodeTableRule {

    static final Set<String> CHANNELS = Set.of("sms", "email", "paper");

    /** The rule's values. */
    record Rule(List<String> channels, int failedDraftWithinDays, int nextDraftWithinDays, int newStatementWithinDays,
            int overdueAfterDays, BigDecimal planMinimum, BigDecimal planMaximum) {
    }

    private volatile Rule rule;

    @Override
    public void check(CodeTables t) {
        if (!t.has("outreach")) {
            throw new CodeTableException("mappings/outreach.yaml: missing (needed by the outreach feed)");
        }
        Object list = t.find("outreach", "channels").orElseThrow(() -> new CodeTableException(t.file("outreach")
                + ": missing key 'channels'"));
        if (!(list instanceof List<?> channels) || channels.isEmpty()
                || !channels.stream().allMatch(c -> CHANNELS.contains(String.valueOf(c)))) {
            throw new CodeTableException(t.file("outreach") + ": key 'channels' must list some of sms, email, paper");
        }
        try {
            Rule r = new Rule(channels.stream().map(String::valueOf).toList(), days(t, "failedDraftWithinDays"),
                    days(t, "nextDraftWithinDays"), days(t, "newStatementWithinDays"), days(t, "overdueAfterDays"),
                    new BigDecimal(t.text("outreach", "planEligibility.minimumBalance")),
                    new BigDecimal(t.text("outreach", "planEligibility.maximumBalance")));
            if (r.planMinimum().compareTo(r.planMaximum()) > 0) {
                throw new CodeTableException(t.file("outreach") + ": key 'planEligibility.minimumBalance' is above "
                        + "'planEligibility.maximumBalance'");
            }
            this.rule = r;
        } catch (NumberFormatException e) {
            throw new CodeTableException(t.file("outreach") + ": a day count or balance is not a number");
        }
    }

    private static int days(CodeTables t, String key) {
        int n = Integer.parseInt(t.text("outreach", key));
        if (n < 0) {
            throw new CodeTableException(t.file("outreach") + ": key '" + key + "' must not be negative");
        }
        return n;
    }

    Rule rule() {
        if (rule == null) {
            throw new IllegalStateException("Code tables not loaded yet");
        }
        return rule;
    }
}
