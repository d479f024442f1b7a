package io.opendetection.kql;

import java.util.List;

/** The parsed query: the same function nodes Kibana's kuery parser builds. */
public sealed interface KqlNode
        permits KqlNode.Or, KqlNode.And, KqlNode.Not, KqlNode.Is, KqlNode.Range, KqlNode.Nested {

    record Or(List<KqlNode> children) implements KqlNode {
        public Or {
            children = List.copyOf(children);
        }
    }

    record And(List<KqlNode> children) implements KqlNode {
        public And {
            children = List.copyOf(children);
        }
    }

    record Not(KqlNode child) implements KqlNode {
    }

    /** {@code field: value}; a null field is a bare value searched across all fields. */
    record Is(KqlTerm field, KqlTerm value) implements KqlNode {
    }

    record Range(KqlTerm field, RangeOperator operator, KqlTerm value) implements KqlNode {
    }

    /** {@code path: { query }}; field names inside the query are relative to the path. */
    record Nested(KqlTerm path, KqlNode query) implements KqlNode {
    }

    enum RangeOperator {
        LT("lt"), LTE("lte"), GT("gt"), GTE("gte");

        private final String dslName;

        RangeOperator(String dslName) {
            this.dslName = dslName;
        }

        public String dslName() {
            return dslName;
        }
    }
}
