package io.opendetection.kql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a parsed query to Elasticsearch query DSL the way Kibana's {@code toElasticsearchQuery}
 * does without field mappings (as detection rules do): every field is taken by name, so wildcard
 * values become {@code query_string} queries, and each field clause sits in a one-clause
 * {@code bool.should}.
 */
public final class KqlCompiler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    // Characters query_string reserves; Kibana escapes them in the text around wildcards.
    private static final String QUERY_STRING_RESERVED = "+-=&|><!(){}[]^\"~*?:\\/";

    private KqlCompiler() {
    }

    public static ObjectNode toElasticsearchQuery(KqlNode node) {
        return compile(node, null);
    }

    /** {@code nestedPath} is the full path of the enclosing nested queries, or null outside them. */
    private static ObjectNode compile(KqlNode node, String nestedPath) {
        if (node instanceof KqlNode.Or or) {
            ObjectNode bool = JSON.objectNode();
            bool.set("should", compileAll(or.children(), nestedPath));
            bool.put("minimum_should_match", 1);
            return wrap("bool", bool);
        }
        if (node instanceof KqlNode.And and) {
            // Kibana's detection engine puts and-ed clauses in filter: they need not score.
            return wrap("bool", wrap("filter", compileAll(and.children(), nestedPath)));
        }
        if (node instanceof KqlNode.Not not) {
            return wrap("bool", wrap("must_not", compile(not.child(), nestedPath)));
        }
        if (node instanceof KqlNode.Is is) {
            return is(is, nestedPath);
        }
        if (node instanceof KqlNode.Range range) {
            return range(range, nestedPath);
        }
        return nested((KqlNode.Nested) node, nestedPath);
    }

    private static ArrayNode compileAll(List<KqlNode> nodes, String nestedPath) {
        ArrayNode clauses = JSON.arrayNode();
        nodes.forEach(child -> clauses.add(compile(child, nestedPath)));
        return clauses;
    }

    private static ObjectNode is(KqlNode.Is is, String nestedPath) {
        boolean existsQuery = is.value() instanceof KqlTerm.Wildcard value && value.isLone();
        if (existsQuery && is.field() instanceof KqlTerm.Wildcard field && field.isLone()) {
            return wrap("match_all", JSON.objectNode());
        }
        if (is.field() == null) {
            return allFieldsQuery(is.value());
        }
        String field = fieldName(is.field(), nestedPath);
        if (existsQuery) {
            return oneClauseShould(wrap("exists", JSON.objectNode().put("field", field)));
        }
        if (is.value() instanceof KqlTerm.Wildcard wildcard) {
            ObjectNode queryString = JSON.objectNode();
            queryString.set("fields", JSON.arrayNode().add(field));
            queryString.put("query", toQueryString(wildcard));
            return oneClauseShould(wrap("query_string", queryString));
        }
        KqlTerm.Literal literal = (KqlTerm.Literal) is.value();
        String queryType = literal.quoted() ? "match_phrase" : "match";
        return oneClauseShould(wrap(queryType, JSON.objectNode().set(field, toJson(literal.value()))));
    }

    /** A bare value, searched in every field. */
    private static ObjectNode allFieldsQuery(KqlTerm value) {
        if (value instanceof KqlTerm.Wildcard wildcard) {
            return wrap("query_string", JSON.objectNode().put("query", toQueryString(wildcard)));
        }
        KqlTerm.Literal literal = (KqlTerm.Literal) value;
        ObjectNode multiMatch = JSON.objectNode();
        multiMatch.put("type", literal.quoted() ? "phrase" : "best_fields");
        multiMatch.set("query", toJson(literal.value()));
        multiMatch.put("lenient", true);
        return wrap("multi_match", multiMatch);
    }

    private static ObjectNode range(KqlNode.Range range, String nestedPath) {
        ObjectNode bounds = JSON.objectNode();
        bounds.set(range.operator().dslName(), toJson(range.value().value()));
        return oneClauseShould(wrap("range", JSON.objectNode().set(fieldName(range.field(), nestedPath), bounds)));
    }

    private static ObjectNode nested(KqlNode.Nested nested, String nestedPath) {
        String path = fieldName(nested.path(), nestedPath);
        ObjectNode query = JSON.objectNode();
        query.put("path", path);
        query.set("query", compile(nested.query(), path));
        query.put("score_mode", "none");
        return wrap("nested", query);
    }

    /** Inside a nested query, field names are relative to its path. */
    private static String fieldName(KqlTerm field, String nestedPath) {
        String name = String.valueOf(field.value());
        return nestedPath == null ? name : nestedPath + "." + name;
    }

    /** The value for query_string: reserved characters escaped, wildcards kept. */
    private static String toQueryString(KqlTerm.Wildcard wildcard) {
        return wildcard.parts().stream().map(KqlCompiler::escapeQueryString).collect(Collectors.joining("*"));
    }

    private static String escapeQueryString(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (QUERY_STRING_RESERVED.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static JsonNode toJson(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        return value instanceof Boolean bool ? JSON.booleanNode(bool) : JSON.textNode((String) value);
    }

    private static ObjectNode oneClauseShould(ObjectNode clause) {
        ObjectNode bool = JSON.objectNode();
        bool.set("should", JSON.arrayNode().add(clause));
        bool.put("minimum_should_match", 1);
        return wrap("bool", bool);
    }

    private static ObjectNode wrap(String key, JsonNode value) {
        ObjectNode node = JSON.objectNode();
        node.set(key, value);
        return node;
    }
}
