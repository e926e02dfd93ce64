package com.patientcobridge.statements;

import org.apache.camel.builder.RouteBuilder;

/** The statement PDF archive: a round every few seconds, and a person's replay of one that failed. */
final class StatementArchiveRoutes extends RouteBuilder {

    private final StatementArchive archive;
    private final long periodMillis;

    StatementArchiveRoutes(StatementArchive archive, long periodMillis) {
        this.archive = archive;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer:statement-pdfs?period=" + periodMillis + "&delay=" + periodMillis).routeId(StatementArchive.FLOW)
                .process(e -> archive.archiveDue(200));
        from(StatementArchive.REPLAY).routeId("statement-pdf-replay")
                .process(e -> archive.retry(e.getIn().getBody(StatementPdfReplay.class).statementId()));
    }
}
