package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HapiContext;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The code lookups (checked at start-up) and the composer that builds messages from the outbox. */
@Configuration(proxyBeanMethods = false)
class MessageConfig {

    @Bean
    Hl7Codes hl7Codes() {
        return new Hl7Codes();
    }

    /** Depends on the loaded code tables, so the codes are checked before any message is built. */
    @Bean
    Hl7Composer hl7Composer(HapiContext hapi, PostgresCrosswalk crosswalk, Hl7Codes codes, CodeTables tables) {
        return new Hl7Composer(hapi, crosswalk, codes);
    }
}
