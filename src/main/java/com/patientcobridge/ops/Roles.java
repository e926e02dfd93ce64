package com.patientcobridge.ops;

import org.springframework.security.core.Authentication;

/** What the signed-in user may see: an operator sees whole messages, a viewer masked ones. */
final class Roles {

    private Roles() {
    }

    static boolean operator(Authentication who) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_OPERATOR"));
    }

    static void requireOperator(Authentication who, String what) {
        if (!operator(who)) {
            throw new Forbidden(what + " is for operators");
        }
    }

    /** A viewer asked for what only an operator may have. */
    static final class Forbidden extends RuntimeException {
        Forbidden(String why) {
            super(why);
        }
    }
}
