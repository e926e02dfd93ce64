package com.patientcobridge.sandbox;

import java.util.List;
import java.util.SplittableRandom;

/** The sandbox's people and places: real-world awkward names and addresses, chosen by a seeded random. */
final class Names {

    static final List<String> FIRST = List.of("Mary", "José", "Zoë", "Anne-Marie", "D'Andre", "Siobhán", "Li",
            "Mohammed", "Renée", "Jean-Luc", "Ng", "Ángel", "Patricia", "O'Neal", "Björn", "Aaliyah", "John", "Élodie",
            "Chidi", "Nguyễn Thị");
    static final List<String> LAST = List.of("O'Brien", "Smith-Jones", "García Márquez", "Nguyen", "McDonald",
            "Van der Berg", "D'Angelo", "Müller", "Okafor", "St. John", "Johnson", "Løkke", "De La Cruz", "O'Connor-Hughes",
            "Washington", "Kowalczyk", "Ó Súilleabháin", "Lee", "Patel", "Brown");
    static final List<String> SUFFIX = List.of("Jr.", "Sr.", "II", "III", "IV");
    static final List<String> STREET = List.of("Peachtree St NE", "Martin Luther King Jr. Blvd", "Avenue of the Americas",
            "Old Highway 41 North, Building C, Suite 1400, Attention: Billing Department", "Ponce de León Ave",
            "Elm St", "Rue St-Denis", "County Road 12");
    static final List<String> CITY = List.of("Atlanta", "Marietta", "Savannah", "Athens", "Decatur", "Coeur d'Alene",
            "Winston-Salem", "Macon");
    static final List<String> STATE = List.of("GA", "GA", "GA", "SC", "NC", "ID", "NC", "GA");
    static final List<String> SERVICE_LINES = List.of("Cardiology", "Orthopedics", "Emergency", "Radiology",
            "Primary Care", "Obstetrics");
    static final List<String> CPT = List.of("99213", "99284", "71046", "80053", "93000", "36415", "73610");
    static final List<String> BANKS = List.of("Truist", "Wells Fargo", "Bank of America", "Synovus", "Regions");
    static final List<String> BRANDS = List.of("visa", "mastercard", "amex", "discover");
    static final List<String> CHANNELS = List.of("portal", "portal", "ivr", "sms", "autopay", "pos");

    private Names() {
    }

    static <T> T pick(List<T> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }
}
