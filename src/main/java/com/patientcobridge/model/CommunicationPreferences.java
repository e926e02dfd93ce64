package com.patientcobridge.model;

/** The channels a guarantor accepts for statements and reminders. */
public record CommunicationPreferences(Boolean email, Boolean sms, Boolean paper) {
}
