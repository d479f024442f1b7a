package io.opendetection.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * The rules API of one space of its own (so counts and "all rules" are the test's), through the
 * gateway as the administrator, and the fixtures of BEHAVIOURS.md B.0 in our own words.
 */
final class RuleApi {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER = "elastic";
    final String space = "rules-" + UUID.randomUUID().toString().substring(0, 8);
    final String base = "/s/" + space + "/api/detection_engine/rules";

    /** B.0.1: a disabled custom query rule. */
    static ObjectNode simpleRule(String ruleId) {
        ObjectNode rule = (ObjectNode) read("""
                {"name":"Simple Rule Query","description":"Simple Rule Query","enabled":false,"risk_score":1,
                 "severity":"high","index":["auditbeat-*"],"type":"query","query":"user.name: root or user.name: admin"}
                """);
        if (ruleId != null) {
            rule.put("rule_id", ruleId);
        }
        return rule;
    }

    /** B.0.2: what creating {@link #simpleRule} answers, minus the server-generated fields. */
    static ObjectNode simpleRuleOutput(String ruleId) {
        return (ObjectNode) read("""
                {"actions":[],"author":[],"created_by":"elastic","description":"Simple Rule Query","enabled":false,
                 "false_positives":[],"from":"now-6m","immutable":false,"rule_source":{"type":"internal"},
                 "interval":"5m","rule_id":"%s","output_index":"","max_signals":100,"related_integrations":[],
                 "required_fields":[],"risk_score":1,"risk_score_mapping":[],"name":"Simple Rule Query",
                 "references":[],"setup":"","severity":"high","severity_mapping":[],"updated_by":"elastic",
                 "tags":[],"to":"now","threat":[],"exceptions_list":[],"version":1,"revision":0,
                 "index":["auditbeat-*"],"language":"kuery","query":"user.name: root or user.name: admin","type":"query"}
                """.formatted(ruleId));
    }

    static ObjectNode mlRule(String ruleId) {
        return (ObjectNode) read("""
                {"name":"Simple ML Rule","description":"Simple Machine Learning Rule","enabled":false,"risk_score":1,
                 "rule_id":"%s","severity":"high","type":"machine_learning","anomaly_threshold":44,
                 "machine_learning_job_id":"some_job_id"}
                """.formatted(ruleId));
    }

    static ObjectNode withoutServerGenerated(JsonNode rule) {
        ObjectNode copy = ((ObjectNode) rule).deepCopy();
        copy.remove(List.of("id", "created_at", "updated_at", "execution_summary"));
        return copy;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Response response) {
        return read(response.asString());
    }

    RequestSpecification request() {
        return Gateway.asAdmin().contentType("application/json");
    }

    Response post(Object body) {
        return request().body(body.toString()).post(base);
    }

    JsonNode create(Object body) {
        Response response = post(body);
        if (response.statusCode() != 200) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.asString());
        }
        return json(response);
    }

    Response put(Object body) {
        return request().body(body.toString()).put(base);
    }

    Response patch(Object body) {
        return request().body(body.toString()).patch(base);
    }

    Response get(String parameter, String value) {
        return Gateway.asAdmin().queryParam(parameter, value).get(base);
    }

    Response delete(String parameter, String value) {
        return Gateway.asAdmin().queryParam(parameter, value).delete(base);
    }

    Response find(Object... parameters) {
        RequestSpecification request = Gateway.asAdmin();
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i].toString(), parameters[i + 1]);
        }
        return request.get(base + "/_find");
    }

    Response bulk(String body) {
        return request().body(body).post(base + "/_bulk_action");
    }

    Response export(String body) {
        RequestSpecification request = Gateway.asAdmin();
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        return request.post(base + "/_export");
    }

    Response importFile(String fileName, byte[] content, String query) {
        return Gateway.asAdmin().multiPart("file", fileName, content, "application/octet-stream")
                .post(base + "/_import" + (query == null ? "" : "?" + query));
    }

    /** The space's path for another API (exception lists). */
    String api(String path) {
        return "/s/" + space + path;
    }
}
