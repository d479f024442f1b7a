package io.opendetection.eql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.eql.evaluate.Patterns;
import io.opendetection.eql.parse.EqlQuery.EventQuery;
import io.opendetection.eql.parse.Expr;
import io.opendetection.eql.parse.Expr.CompareOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles an event query to Elasticsearch DSL (built JSON, never spliced text): the category as a
 * {@code term}, and every conjunct of the condition that a query can answer exactly as
 * Elasticsearch's EQL translates it ({@code term}, {@code terms}, {@code range}, {@code exists},
 * {@code wildcard} and {@code regexp} with {@code case_insensitive}, {@code bool}). The rest stays
 * a residual for the in-memory {@link io.opendetection.eql.evaluate.Evaluator}.
 */
public final class DslCompiler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final FieldMapping mapping;
    private final String categoryField;

    public DslCompiler(FieldMapping mapping, String categoryField) {
        this.mapping = mapping;
        this.categoryField = categoryField;
    }

    public EventFilter compile(EventQuery query) {
        ArrayNode filters = JSON.arrayNode();
        if (query.category() != null) {
            filters.add(wrap("term", JSON.objectNode().set(categoryField, JSON.textNode(query.category()))));
        }
        List<Expr> residual = new ArrayList<>();
        for (Expr conjunct : conjuncts(query.condition())) {
            ObjectNode pushed = push(conjunct);
            if (pushed == null) {
                residual.add(conjunct);
            } else if (!pushed.has("match_all")) {
                filters.add(pushed);
            }
        }
        ObjectNode dsl = wrap("bool", wrap("filter", filters));
        Expr rest = residual.stream().reduce(Expr.And::new).orElse(null);
        return new EventFilter(dsl, rest);
    }

    private static List<Expr> conjuncts(Expr condition) {
        List<Expr> all = new ArrayList<>();
        if (condition instanceof Expr.And and) {
            all.addAll(conjuncts(and.left()));
            all.addAll(conjuncts(and.right()));
        } else {
            all.add(condition);
        }
        return all;
    }

    /** The DSL that keeps exactly the events for which the condition holds, or null when there is none. */
    ObjectNode push(Expr condition) {
        if (condition instanceof Expr.Literal literal) {
            return Boolean.TRUE.equals(literal.value()) ? wrap("match_all", JSON.objectNode())
                    : wrap("match_none", JSON.objectNode());
        }
        if (condition instanceof Expr.And and) {
            ObjectNode left = push(and.left());
            ObjectNode right = push(and.right());
            return left == null || right == null ? null : wrap("bool", wrap("filter", JSON.arrayNode().add(left).add(right)));
        }
        if (condition instanceof Expr.Or or) {
            ObjectNode left = push(or.left());
            ObjectNode right = push(or.right());
            return left == null || right == null ? null : should(List.of(left, right));
        }
        if (condition instanceof Expr.Not not) {
            Expr operand = not.operand();
            if (operand instanceof Expr.Compare compare && compare.op() != CompareOp.EQ && compare.op() != CompareOp.NEQ) {
                ObjectNode negated = push(new Expr.Compare(compare.op().negate(), compare.left(), compare.right()));
                if (negated != null) {
                    return negated;
                }
            }
            if (operand instanceof Expr.IsNull isNull) {
                return push(new Expr.IsNull(isNull.operand(), !isNull.negated()));
            }
            ObjectNode inner = push(operand);
            return inner == null ? null : mustNot(inner);
        }
        if (condition instanceof Expr.Field field) {
            return mapping.bool(field.name()) ? term(field.name(), JSON.booleanNode(true), false) : null;
        }
        if (condition instanceof Expr.IsNull isNull && isNull.operand() instanceof Expr.Field field) {
            ObjectNode exists = wrap("exists", JSON.objectNode().put("field", field.name()));
            return isNull.negated() ? exists : mustNot(exists);
        }
        if (condition instanceof Expr.Compare compare) {
            return compare(compare);
        }
        if (condition instanceof Expr.Match match) {
            return match(match);
        }
        if (condition instanceof Expr.In in) {
            return in(in);
        }
        return null;
    }

    private ObjectNode compare(Expr.Compare compare) {
        CompareOp op = compare.op();
        Expr.Field field;
        Object value;
        if (compare.left() instanceof Expr.Field left && compare.right() instanceof Expr.Literal right) {
            field = left;
            value = right.value();
        } else if (compare.left() instanceof Expr.Literal left && compare.right() instanceof Expr.Field right) {
            field = right;
            value = left.value();
            op = op.flip();
        } else {
            return null;
        }
        String target = target(field.name(), value);
        if (target == null) {
            return null;
        }
        JsonNode json = toJson(value);
        return switch (op) {
            case EQ -> term(target, json, false);
            case NEQ -> mustNot(term(target, json, false));
            default -> wrap("range", JSON.objectNode().set(target, JSON.objectNode().set(rangeKey(op), json)));
        };
    }

    private static String rangeKey(CompareOp op) {
        return switch (op) {
            case LT -> "lt";
            case LTE -> "lte";
            case GT -> "gt";
            default -> "gte";
        };
    }

    /** The field a constant is compared against, or null when the types differ (left to the evaluator). */
    private String target(String field, Object value) {
        if (value instanceof String) {
            return mapping.numeric(field) ? null : mapping.exactStringField(field);
        }
        if (value instanceof Number) {
            return mapping.numeric(field) ? field : null;
        }
        if (value instanceof Boolean) {
            return mapping.bool(field) ? field : null;
        }
        return null;
    }

    private ObjectNode match(Expr.Match match) {
        if (!(match.value() instanceof Expr.Field field)) {
            return null;
        }
        List<ObjectNode> clauses = new ArrayList<>();
        for (Expr patternExpr : match.patterns()) {
            if (!(patternExpr instanceof Expr.Literal literal) || literal.value() == null) {
                return null;
            }
            Object pattern = literal.value();
            String target = target(field.name(), pattern);
            if (target == null) {
                return null;
            }
            ObjectNode clause;
            if (!(pattern instanceof String text)) {
                if (match.kind() != Expr.MatchKind.SEQ) {
                    return null;
                }
                clause = term(target, toJson(pattern), false);
            } else if (mapping.ip(field.name())) {
                // An ip field takes exact addresses and CIDR blocks only.
                if (match.kind() != Expr.MatchKind.SEQ || Patterns.hasWildcard(text)) {
                    return null;
                }
                clause = term(target, JSON.textNode(text), false);
            } else if (match.kind() == Expr.MatchKind.REGEX) {
                ObjectNode regexp = JSON.objectNode().put("value", text).put("flags", "ALL");
                if (match.insensitive()) {
                    regexp.put("case_insensitive", true);
                }
                clause = wrap("regexp", JSON.objectNode().set(target, regexp));
            } else if (Patterns.hasWildcard(text)) {
                ObjectNode wildcard = JSON.objectNode().put("value", escapeWildcard(text));
                if (match.insensitive()) {
                    wildcard.put("case_insensitive", true);
                }
                clause = wrap("wildcard", JSON.objectNode().set(target, wildcard));
            } else {
                clause = term(target, JSON.textNode(text), match.insensitive());
            }
            clauses.add(clause);
        }
        ObjectNode positive = clauses.size() == 1 ? clauses.get(0) : should(clauses);
        return match.negated() ? mustNot(positive) : positive;
    }

    /** In a wildcard query a backslash escapes; EQL's wildcards are only {@code *} and {@code ?}. */
    private static String escapeWildcard(String pattern) {
        return pattern.replace("\\", "\\\\");
    }

    private ObjectNode in(Expr.In in) {
        if (!(in.value() instanceof Expr.Field field)) {
            return null;
        }
        List<ObjectNode> insensitiveTerms = new ArrayList<>();
        ArrayNode values = JSON.arrayNode();
        String target = null;
        for (Expr candidate : in.candidates()) {
            if (!(candidate instanceof Expr.Literal literal) || literal.value() == null) {
                return null;
            }
            String candidateTarget = target(field.name(), literal.value());
            if (candidateTarget == null || target != null && !target.equals(candidateTarget)) {
                return null;
            }
            target = candidateTarget;
            values.add(toJson(literal.value()));
            insensitiveTerms.add(term(candidateTarget, toJson(literal.value()), in.insensitive()
                    && literal.value() instanceof String));
        }
        ObjectNode positive = in.insensitive() ? should(insensitiveTerms)
                : wrap("terms", JSON.objectNode().set(target, values));
        return in.negated() ? mustNot(positive) : positive;
    }

    private static ObjectNode term(String field, JsonNode value, boolean insensitive) {
        ObjectNode term = JSON.objectNode();
        term.set("value", value);
        if (insensitive) {
            term.put("case_insensitive", true);
        }
        return wrap("term", JSON.objectNode().set(field, term));
    }

    private static JsonNode toJson(Object value) {
        if (value instanceof String text) {
            return JSON.textNode(text);
        }
        if (value instanceof Long number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Double number) {
            return JSON.numberNode(number);
        }
        return JSON.booleanNode((Boolean) value);
    }

    private static ObjectNode should(List<ObjectNode> clauses) {
        ObjectNode bool = JSON.objectNode();
        ArrayNode should = bool.putArray("should");
        clauses.forEach(should::add);
        bool.put("minimum_should_match", 1);
        return wrap("bool", bool);
    }

    private static ObjectNode mustNot(ObjectNode clause) {
        return wrap("bool", wrap("must_not", JSON.arrayNode().add(clause)));
    }

    static ObjectNode wrap(String key, JsonNode value) {
        ObjectNode node = JSON.objectNode();
        node.set(key, value);
        return node;
    }
}
