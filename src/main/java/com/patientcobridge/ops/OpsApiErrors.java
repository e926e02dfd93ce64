package com.patientcobridge.ops;

import java.time.format.DateTimeParseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The operations API's answers to what went wrong, as JSON {@code {"error": "..."}}: 400 with the
 * reason for bad input, 404 for an unknown id, 503 when the database is down, never a 500 for the
 * caller's mistake. Reasons name parameters and ids, never a stored value.
 */
@RestControllerAdvice(basePackageClasses = OpsApiErrors.class)
class OpsApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(OpsApiErrors.class);

    /** An id the API does not know. */
    static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what);
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(DateTimeParseException.class)
    ResponseEntity<Map<String, Object>> badDate(DateTimeParseException e) {
        return answer(HttpStatus.BAD_REQUEST, "a date must be YYYY-MM-DD");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
        return answer(HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return answer(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' must be a " + (type.equals("long")
                || type.equals("int") || type.equals("Integer") || type.equals("Long") ? "whole number" : type));
    }

    @ExceptionHandler({NotFound.class, EmptyResultDataAccessException.class})
    ResponseEntity<Map<String, Object>> notFound(RuntimeException e) {
        return answer(HttpStatus.NOT_FOUND, e instanceof NotFound ? e.getMessage() : "no such record");
    }

    @ExceptionHandler(Roles.Forbidden.class)
    ResponseEntity<Map<String, Object>> forbidden(Roles.Forbidden e) {
        return answer(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(RuntimeException e) {
        return answer(HttpStatus.BAD_REQUEST, "the request's JSON body is missing or malformed");
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<Map<String, Object>> databaseDown(DataAccessResourceFailureException e) {
        LOG.warn("Operations API: the database is unavailable ({})", e.getClass().getSimpleName());
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "the bridge's database is unavailable; try again shortly");
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String error) {
        return ResponseEntity.status(status).body(Map.of("error", error == null ? status.getReasonPhrase() : error));
    }
}
