package com.patientcobridge.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link HapiContext}: an explicit parser configuration and an in-memory id generator,
 * because HAPI's default writes {@code ./id_file}; MSH-10 itself comes from the outbox.
 */
@Configuration(proxyBeanMethods = false)
public class Hl7Config {

    @Bean(destroyMethod = "close")
    HapiContext hapiContext() {
        return newContext();
    }

    /**
     * camel-mllp logs whole messages (PHI) in its errors by default: off. The component-level
     * property is ignored without the MLLP starter, so the component is a bean.
     */
    @Bean("mllp")
    org.apache.camel.component.mllp.MllpComponent mllpComponent() {
        org.apache.camel.component.mllp.MllpComponent mllp = new org.apache.camel.component.mllp.MllpComponent();
        mllp.setLogPhi(false);
        return mllp;
    }

    /** A context configured as the bridge's, for code and tests outside Spring. */
    public static HapiContext newContext() {
        ParserConfiguration parser = new ParserConfiguration();
        parser.setIdGenerator(new InMemoryIDGenerator());
        parser.setEncodeEmptyMandatoryFirstSegments(true);
        parser.setValidating(true);
        DefaultHapiContext context = new DefaultHapiContext(parser, ValidationContextFactory.defaultValidation(),
                new ca.uhn.hl7v2.parser.DefaultModelClassFactory());
        return context;
    }
}
