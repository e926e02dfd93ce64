package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.SandboxData.JSON;
import static com.patientcobridge.sandbox.SandboxData.cents;
import static com.patientcobridge.sandbox.SandboxData.money;
import static com.patientcobridge.sandbox.SandboxData.pad;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** Builds account {@code i}: its guarantor, one to three patients, their encounters and the balance. */
final class AccountGenerator {

    private static final String[] RELATIONS = {"spouse", "child", "child", "other"};
    private final SandboxData data;

    AccountGenerator(SandboxData data) {
        this.data = data;
    }

    ObjectNode account(long i) {
        SplittableRandom r = data.rng("account", i);
        Instant created = data.accountCreated(i);
        ObjectNode a = JSON.objectNode();
        a.put("id", "acc_" + pad(i));
        a.put("facilityId", data.facilityOf(i));
        a.put("ehrAccountNumber", r.nextInt(100) < 85 ? "HAR" + (10_000_000 + i) : null);
        a.put("status", r.nextInt(100) < 92 ? "active" : r.nextBoolean() ? "closed" : "collections");
        ObjectNode g = a.putObject("guarantor");
        g.put("id", "gtr_" + pad(i));
        g.put("ehrGuarantorId", r.nextInt(100) < 70 ? "G" + (700_000 + i) : null);
        String last = Names.pick(Names.LAST, r);
        g.put("firstName", Names.pick(Names.FIRST, r));
        g.put("middleName", r.nextInt(3) == 0 ? Names.pick(Names.FIRST, r) : null);
        g.put("lastName", r.nextInt(12) == 0 ? last + " " + Names.pick(Names.SUFFIX, r) : last);
        LocalDate gDob = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 60));
        g.put("dateOfBirth", gDob.toString());
        String sex = r.nextInt(20) == 0 ? "U" : r.nextBoolean() ? "F" : "M";
        g.put("sex", sex);
        ObjectNode addr = g.putObject("address");
        addr.put("line1", (100 + r.nextInt(9000)) + " " + Names.pick(Names.STREET, r));
        addr.put("line2", r.nextInt(4) == 0 ? "Apt " + (1 + r.nextInt(40)) + Character.toString('A' + r.nextInt(4)) : null);
        int city = r.nextInt(Names.CITY.size());
        addr.put("city", Names.CITY.get(city));
        addr.put("state", Names.STATE.get(city));
        addr.put("postalCode", String.format("%05d", 30_000 + r.nextInt(2000)));
        addr.put("country", "US");
        g.put("phone", r.nextInt(10) == 0 ? null : String.format("+1404555%04d", r.nextInt(10_000)));
        g.put("email", r.nextInt(6) == 0 ? null : "guarantor" + i + "@mail.sandbox.test");
        ArrayNode patients = a.putArray("patients");
        ArrayNode encounters = a.putArray("encounters");
        int count = r.nextInt(10) < 6 ? 1 : r.nextInt(10) < 7 ? 2 : 3;
        for (int n = 0; n < count; n++) {
            ObjectNode p = patients.addObject();
            String patientId = "pat_" + pad(i) + n;
            p.put("id", patientId);
            p.put("mrn", r.nextInt(100) < 90 ? "MRN" + (100_000 + i * 3 + n) : null);
            boolean self = n == 0 && r.nextInt(10) < 7;
            p.put("firstName", self ? g.get("firstName").asText() : Names.pick(Names.FIRST, r));
            p.put("lastName", self ? g.get("lastName").asText() : last);
            p.put("dateOfBirth", self ? gDob.toString() : LocalDate.of(1990, 1, 1).plusDays(r.nextInt(365 * 34)).toString());
            p.put("sex", self ? sex : r.nextBoolean() ? "F" : "M");
            p.put("relationshipToGuarantor", self ? "self" : RELATIONS[r.nextInt(RELATIONS.length)]);
            ObjectNode e = encounters.addObject();
            e.put("id", "enc_" + pad(i) + n);
            e.put("patientId", patientId);
            e.put("visitNumber", "V" + (50_000_000 + i * 3 + n));
            LocalDate admit = LocalDate.ofInstant(created, java.time.ZoneOffset.UTC).minusDays(r.nextInt(60));
            String cls = r.nextInt(10) < 7 ? "O" : r.nextBoolean() ? "E" : "I";
            e.put("admitDate", admit.toString());
            e.put("dischargeDate", cls.equals("I") ? admit.plusDays(1 + r.nextInt(5)).toString() : null);
            e.put("patientClass", cls);
            e.put("serviceLine", Names.pick(Names.SERVICE_LINES, r));
            ObjectNode provider = e.putObject("attendingProvider");
            provider.put("npi", String.valueOf(1_500_000_000L + r.nextInt(99_999_999)));
            provider.put("name", "Dr. " + Names.pick(Names.LAST, r));
        }
        BigDecimal due = cents(r, 5_000, 900_000);
        BigDecimal pending = r.nextInt(3) == 0 ? cents(r, 1_000, 400_000) : BigDecimal.ZERO;
        ObjectNode balance = a.putObject("balance");
        balance.put("total", money(due.add(pending)));
        balance.put("patientDue", money(due));
        balance.put("insurancePending", money(pending));
        balance.put("currency", "USD");
        ObjectNode prefs = a.putObject("communicationPreferences");
        prefs.put("email", r.nextInt(10) < 7);
        prefs.put("sms", r.nextInt(10) < 3);
        prefs.put("paper", r.nextInt(10) < 4);
        a.put("createdAt", created.toString());
        a.put("updatedAt", created.toString());
        return a;
    }
}
