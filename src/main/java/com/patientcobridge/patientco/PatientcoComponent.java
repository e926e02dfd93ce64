package com.patientcobridge.patientco;

import com.patientcobridge.patientco.model.Resource;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code patientco:} component: {@code patientco:payments} and its siblings read a
 * resource incrementally (consumer) or read one record, write, or download (producer).
 */
@Component("patientco")
public class PatientcoComponent extends DefaultComponent {

    @Metadata(autowired = true, description = "The Patientco server the bridge talks to (session shared by all endpoints)")
    private PatientcoConnection connection;

    @Metadata(autowired = true, description = "Where watermarks and processed record versions are kept")
    private Watermarks watermarks;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Resource resource = Resource.fromPath(remaining);
        PatientcoEndpoint endpoint = new PatientcoEndpoint(uri, this, resource);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public PatientcoConnection getConnection() {
        return connection;
    }

    public void setConnection(PatientcoConnection connection) {
        this.connection = connection;
    }

    public Watermarks getWatermarks() {
        return watermarks;
    }

    public void setWatermarks(Watermarks watermarks) {
        this.watermarks = watermarks;
    }
}
