package com.patientcobridge.ops;

import com.patientcobridge.outreach.OutreachFeed;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outreach feed on the operations API: its rows for a day, and the day's file written on demand. */
@RestController
@RequestMapping("/ops/api")
class OutreachController {

    private final OutreachFeed feed;
    private final ProducerTemplate camel;

    OutreachController(OutreachFeed feed, ProducerTemplate camel) {
        this.feed = feed;
        this.camel = camel;
    }

    /** The rows the day's file holds (today by default), with their columns. */
    @GetMapping("/outreach")
    Map<String, Object> outreach(@RequestParam(required = false) String date) {
        LocalDate day = date == null || date.isBlank() ? LocalDate.now() : LocalDate.parse(date);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("date", day.toString());
        answer.put("columns", OutreachFeed.COLUMNS);
        answer.put("rows", feed.rows(day));
        return answer;
    }

    @PostMapping("/outreach/file")
    Map<String, Object> file(@RequestParam(required = false) String date) {
        LocalDate day = date == null || date.isBlank() ? LocalDate.now() : LocalDate.parse(date);
        camel.sendBodyAndHeader("direct:outreach-file", null, "OutreachDate", day.toString());
        return Map.of("file", "outreach-" + day + ".csv");
    }
}
