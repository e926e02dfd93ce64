package com.patientcobridge.ops;

import com.patientcobridge.statements.StatementReport;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Statement lifecycle on the operations API: {@code GET /ops/api/statements?facility=&asOf=}. */
@RestController
@RequestMapping("/ops/api")
class StatementsController {

    private final StatementReport report;
    private final JdbcTemplate jdbc;

    StatementsController(StatementReport report, JdbcTemplate jdbc) {
        this.report = report;
        this.jdbc = jdbc;
    }

    /** Statements by delivery status and age (days since the statement date, as of {@code asOf}, today by default). */
    @GetMapping("/statements")
    Map<String, Object> statements(@RequestParam(required = false) String facility,
            @RequestParam(required = false) String asOf) {
        LocalDate day = asOf == null || asOf.isBlank() ? LocalDate.now() : LocalDate.parse(asOf);
        String f = facility == null || facility.isBlank() ? null : facility;
        List<String> facilities = jdbc.queryForList("SELECT DISTINCT facility_id FROM staging.account ORDER BY 1",
                String.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("asOf", day.toString());
        answer.put("facility", f);
        answer.put("facilities", facilities);
        answer.put("rows", report.byStatusAndAge(f, day));
        return answer;
    }
}
