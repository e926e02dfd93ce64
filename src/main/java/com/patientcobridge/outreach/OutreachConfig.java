package com.patientcobridge.outreach;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outreach feed: its rule, its rows, its daily file. */
@Configuration(proxyBeanMethods = false)
class OutreachConfig {

    @Bean
    OutreachRules outreachRules() {
        return new OutreachRules();
    }

    @Bean
    OutreachFeed outreachFeed(JdbcTemplate jdbc, OutreachRules rules) {
        return new OutreachFeed(jdbc, rules);
    }

    @Bean
    RouteBuilder outreachFile(OutreachFeed feed, @Value("${bridge.outreach.dir:out/outreach}") String dir,
            @Value("${bridge.schedule.outreach:0 30 6 * * ?}") String cron,
            @Value("${bridge.schedule.zone:America/New_York}") String zone) {
        return new OutreachFile(feed, dir, cron, zone);
    }
}
