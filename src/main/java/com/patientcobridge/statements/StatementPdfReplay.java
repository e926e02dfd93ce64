package com.patientcobridge.statements;

/** A statement PDF that could not be archived, as its dead letter's payload: replayed, it is fetched again. */
public record StatementPdfReplay(String statementId) {
}
