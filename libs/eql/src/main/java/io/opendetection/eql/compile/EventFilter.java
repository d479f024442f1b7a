package io.opendetection.eql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.eql.evaluate.Evaluator;
import io.opendetection.eql.parse.Expr;

/**
 * An event query split in two: {@code query}, the Elasticsearch DSL that selects candidates, and
 * {@code residual}, what the DSL cannot say (functions, comparisons between fields, lineage),
 * evaluated on each candidate's {@code _source}; null when the DSL says everything.
 */
public record EventFilter(ObjectNode query, Expr residual) {

    public boolean matches(JsonNode source) {
        return matches(source, Evaluator.DEFAULT);
    }

    public boolean matches(JsonNode source, Evaluator evaluator) {
        return residual == null || evaluator.isTrue(residual, source);
    }
}
