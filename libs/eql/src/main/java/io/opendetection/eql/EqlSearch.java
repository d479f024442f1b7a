package io.opendetection.eql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the engine reaches Elasticsearch, whatever the client: run one {@code _search} body over the
 * indices the caller chose and return its JSON answer; and answer {@code _field_caps?fields=*}
 * over the same indices (null when unknown: every field is then taken as a keyword).
 */
public interface EqlSearch {

    JsonNode search(ObjectNode body);

    default JsonNode fieldCaps() {
        return null;
    }
}
