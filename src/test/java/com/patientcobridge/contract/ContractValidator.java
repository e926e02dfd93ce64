package com.patientcobridge.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The project's copy of the Patientco contract ({@code contract/patientco-openapi.yaml}) as a
 * checker of real answers: the status is documented for the operation, the required headers are
 * there, and the body matches the documented schema. For any test that talks to a Patientco server.
 */
public final class ContractValidator {

    public static final String LOCATION = "contract/patientco-openapi.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            b -> b.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    // OpenAPI 3.0's nullable is not JSON Schema: without it a null in a nullable field fails "type".
    // Formats are asserted so that a date-time, date or uri that is not one is reported.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .nullableKeywordEnabled(true).formatAssertionsEnabled(true).build();

    private record Route(String method, String template, Pattern pattern, int literals, Operation operation) {
    }

    private final OpenAPI api;
    private final List<Route> routes = new ArrayList<>();
    private final Map<Schema<?>, JsonSchema> compiled = Collections.synchronizedMap(new IdentityHashMap<>());

    private ContractValidator(OpenAPI api) {
        this.api = api;
        api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) -> routes.add(
                new Route(method.name(), template, pattern(template), literals(template), operation))));
        // "/sessions/refresh" before "/sessions/{challengeId}/..." when both could match.
        routes.sort(Comparator.comparingInt(Route::literals).reversed());
    }

    /** Reads the document from the classpath, refusing one that swagger-parser reports problems in. */
    public static ContractValidator load() {
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is not on the classpath");
            }
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            options.setResolveFully(true);
            SwaggerParseResult result = new OpenAPIV3Parser()
                    .readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options);
            if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
                throw new IllegalStateException(LOCATION + " does not parse cleanly: " + result.getMessages());
            }
            return new ContractValidator(result.getOpenAPI());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operations the document describes, as {@code "GET /api/v1/accounts/{id}"}. */
    public Set<String> operations() {
        Set<String> all = new TreeSet<>();
        routes.forEach(r -> all.add(r.method() + " " + r.template()));
        return all;
    }

    /** What is wrong with one answer; empty when it conforms. */
    public List<String> problems(HttpResponse<String> response) {
        return problems(response.request().method(), response.uri().getRawPath(), response.statusCode(),
                name -> response.headers().firstValue(name), response.body());
    }

    /** What is wrong with one answer to {@code method path} (a raw path, no query); empty when it conforms. */
    public List<String> problems(String method, String path, int status, Function<String, Optional<String>> headers,
            String body) {
        Route route = routes.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.pattern().matcher(path)
                .matches()).findFirst().orElse(null);
        if (route == null) {
            return List.of(method + " " + path + " is not an operation of the contract");
        }
        String where = method + " " + route.template() + " answered " + status;
        ApiResponse response = responseFor(route.operation(), status);
        if (response == null) {
            return List.of(where + ", a status the contract does not document for it (documented: "
                    + route.operation().getResponses().keySet() + ")");
        }
        List<String> problems = new ArrayList<>();
        headerProblems(response, headers, where, problems);
        bodyProblems(response, headers.apply("Content-Type").orElse(""), status, body, where, problems);
        return problems;
    }

    /** What is wrong with a JSON value against one of the document's component schemas. */
    public List<String> schemaProblems(String schemaName, JsonNode value) {
        Schema<?> schema = api.getComponents().getSchemas().get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("No schema " + schemaName + " in " + LOCATION);
        }
        return validate(schema, value, schemaName);
    }

    private static ApiResponse responseFor(Operation operation, int status) {
        Map<String, ApiResponse> responses = operation.getResponses();
        ApiResponse exact = responses.get(String.valueOf(status));
        if (exact != null) {
            return exact;
        }
        ApiResponse range = responses.get((status / 100) + "XX");
        return range != null ? range : responses.get("default");
    }

    private void headerProblems(ApiResponse response, Function<String, Optional<String>> headers, String where,
            List<String> problems) {
        if (response.getHeaders() == null) {
            return;
        }
        for (Map.Entry<String, Header> h : response.getHeaders().entrySet()) {
            Optional<String> value = headers.apply(h.getKey());
            if (value.isEmpty()) {
                if (Boolean.TRUE.equals(h.getValue().getRequired())) {
                    problems.add(where + " without the required header " + h.getKey());
                }
                continue;
            }
            Schema<?> schema = h.getValue().getSchema();
            if (schema != null) {
                // Header values are text; an integer header is compared as the number it spells.
                JsonNode node = "integer".equals(schema.getType()) && value.get().matches("\\d{1,9}")
                        ? IntNode.valueOf(Integer.parseInt(value.get())) : TextNode.valueOf(value.get());
                problems.addAll(validate(schema, node, where + " header " + h.getKey()));
            }
        }
    }

    private void bodyProblems(ApiResponse response, String contentType, int status, String body, String where,
            List<String> problems) {
        Map<String, MediaType> content = response.getContent();
        if (content == null || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add(where + " with a body where the contract documents none");
            }
            return;
        }
        String type = contentType.replaceAll(";.*", "").strip();
        MediaType media = content.get(type);
        if (media == null) {
            problems.add(where + " with Content-Type '" + contentType + "' (documented: " + content.keySet() + ")");
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            problems.add(where + " with a body that is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (json == null || json.isMissingNode()) {
            problems.add(where + " without the documented body");
            return;
        }
        if (media.getSchema() != null) {
            problems.addAll(validate(media.getSchema(), json, where));
        }
        if (type.equals("application/problem+json") && json.path("status").asInt() != status) {
            problems.add(where + " but its problem says status " + json.path("status"));
        }
    }

    private List<String> validate(Schema<?> schema, JsonNode value, String where) {
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema,
                s -> SCHEMAS.getSchema(Json.mapper().valueToTree(s), CONFIG));
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : compiledSchema.validate(value)) {
            problems.add(where + ": " + m.getMessage());
        }
        return problems;
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static int literals(String template) {
        int n = 0;
        for (String segment : template.split("/")) {
            n += segment.isEmpty() || segment.startsWith("{") ? 0 : 1;
        }
        return n;
    }
}
