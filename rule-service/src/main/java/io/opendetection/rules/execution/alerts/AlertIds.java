package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic alert ids (ENGINE.md §3, §10): re-querying the same event yields the same id. */
public final class AlertIds {
    private AlertIds() {
    }

    /** Kibana's {@code generateId}: sha256(index + _id + _version + "space:ruleId"), hex. */
    public static String forEvent(String index, String id, String version, String space, String ruleId) {
        return sha256(index + id + version + space + ":" + ruleId);
    }

    /**
     * Stands for Kibana's {@code objectHash([...])} of these parts: the same parts always give the
     * same id and different parts different ids. The hash is SHA-256 of the parts as one JSON array,
     * not the npm {@code object-hash} serialisation, so the ids are not byte-equal to Kibana's.
     */
    public static String objectHash(JsonNode... parts) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonNode part : parts) {
            array.add(part);
        }
        return sha256(array.toString());
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
