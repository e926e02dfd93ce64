package com.patientcobridge.patientco;

import com.patientcobridge.patientco.model.Resource;
import java.time.Duration;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/** One Patientco resource: read incrementally as a consumer, or read one record, write or download as a producer. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "patientco", title = "Patientco", syntax = "patientco:resource",
        category = {Category.HTTP, Category.SAAS})
public class PatientcoEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "The resource: accounts, statements, payments, refunds, chargebacks, settlements, "
            + "settlement-items, payment-plans, communications or facilities")
    private final Resource resource;

    @UriParam(defaultValue = "200", description = "Records per page (1 to 500)")
    private int pageSize = 200;

    @UriParam(defaultValue = "5m", description = "How far before the watermark each read starts, so records that "
            + "share a timestamp or arrive late are not missed")
    private String overlap = "5m";

    @UriParam(description = "Only this facility's records (accounts, settlements)")
    private String facilityId;

    @UriParam(defaultValue = "direct:dead-letter", description = "Where malformed records are set aside")
    private String deadLetterUri = "direct:dead-letter";

    @UriParam(label = "producer", defaultValue = "get", description = "Producer operation: get (one record by the "
            + "PatientcoId header), items (a batch's items by PatientcoSettlementId), create, void, refund")
    private String operation = "get";

    public PatientcoEndpoint(String uri, PatientcoComponent component, Resource resource) {
        super(uri, component);
        this.resource = resource;
        setDelay(60_000);
    }

    @Override
    public PatientcoComponent getComponent() {
        return (PatientcoComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new PatientcoProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        PatientcoConsumer consumer = new PatientcoConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public Resource getResource() {
        return resource;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public String getOverlap() {
        return overlap;
    }

    public void setOverlap(String overlap) {
        this.overlap = overlap;
    }

    /** The overlap window as a duration ({@code 5m}, {@code 30s}, {@code PT5M}). */
    Duration overlapDuration() {
        String o = overlap.trim();
        if (o.startsWith("P")) {
            return Duration.parse(o);
        }
        long n = Long.parseLong(o.replaceAll("\\D", ""));
        return o.endsWith("s") ? Duration.ofSeconds(n) : o.endsWith("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
    }

    public String getFacilityId() {
        return facilityId;
    }

    public void setFacilityId(String facilityId) {
        this.facilityId = facilityId;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }
}
