package com.patientcobridge.patientco;

import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.client.PatientcoConnection;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/** One Patientco resource: read incrementally as a consumer, or read one record, write or download as a producer. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "patientco", title = "Patientco", syntax = "patientco:name",
        category = {Category.HTTP, Category.SAAS})
public class PatientcoEndpoint extends ScheduledPollEndpoint {

    /** Not resources of the API, but endpoints of the component. */
    public static final String WEBHOOKS = "webhooks";
    public static final String SETTLEMENT_REPORT = "settlement-report";

    @UriPath(description = "The resource (accounts, statements, payments, refunds, chargebacks, settlements, "
            + "settlement-items, payment-plans, communications, facilities), webhooks or settlement-report")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private PatientcoConfiguration configuration;

    private final Resource resource;

    public PatientcoEndpoint(String uri, PatientcoComponent component, String name,
            PatientcoConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
        this.resource = name.equals(WEBHOOKS) || name.equals(SETTLEMENT_REPORT) ? null : Resource.fromPath(name);
        setDelay(60_000);
    }

    @Override
    public PatientcoComponent getComponent() {
        return (PatientcoComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (name.equals(WEBHOOKS)) {
            throw new UnsupportedOperationException("patientco:webhooks is a consumer only");
        }
        return new PatientcoProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (name.equals(WEBHOOKS)) {
            WebhookConsumer consumer = new WebhookConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
        if (resource == null || resource == Resource.SETTLEMENT_ITEMS) {
            throw new UnsupportedOperationException("patientco:" + name + " is a producer only");
        }
        PatientcoConsumer consumer = new PatientcoConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The shared connection of this endpoint's server and login. */
    public PatientcoConnection connection() {
        return getComponent().connection(configuration);
    }

    public String getName() {
        return name;
    }

    /** The API resource, or null for webhooks and settlement-report. */
    public Resource getResource() {
        return resource;
    }

    public PatientcoConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PatientcoConfiguration configuration) {
        this.configuration = configuration;
    }
}
