package io.opendetection.kql;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Entry point: a KQL query string to Elasticsearch query DSL. */
public final class Kql {

    private Kql() {
    }

    /** Parses and compiles {@code query}; throws {@link KqlSyntaxException} when it is not valid KQL. */
    public static ObjectNode toElasticsearchQuery(String query) {
        return KqlCompiler.toElasticsearchQuery(KqlParser.parse(query));
    }
}
