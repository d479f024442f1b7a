package io.opendetection.eql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.eql.StringCase;
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
    private final StringCase stringCase;
    private final boolean caseInsensitive;

    public DslCompiler(FieldMapping mapping, String categoryField) {
        this(mapping, categoryField, StringCase.DEFAULT);
    }

    /** Under {@link StringCase#INSENSITIVE}, string equality goes out as {@code case_insensitive} terms. */
    public DslCompiler(FieldMapping mapping, String categoryField, StringCase stringCase) {
        this.mapping = mapping;
        this.categoryField = categoryField;
        this.stringCase = stringCase;
        this.caseInsensitive = stringCase == StringCase.INSENSITIVE;
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

    ObjectNode push(Expr condition) {
        return push(condition, true);
    }

    /**
     * The DSL that keeps exactly the events for which the condition is true ({@code wanted}) or
     * false (not {@code wanted}); null when there is none. Null is neither: a negated comparison
     * keeps only events that have the field, as {@code not null} is null.
     */
    private ObjectNode push(Expr condition, boolean wanted) {
        if (condition instanceof Expr.Literal literal) {
            boolean all = literal.value() instanceof Boolean bool && bool == wanted;
            return wrap(all ? "match_all" : "match_none", JSON.objectNode());
        }
        if (condition instanceof Expr.And and) {
            // not (a and b) is (not a) or (not b), in three-valued logic too.
            return combine(push(and.left(), wanted), push(and.right(), wanted), wanted);
        }
        if (condition instanceof Expr.Or or) {
            return combine(push(or.left(), wanted), push(or.right(), wanted), !wanted);
        }
        if (condition instanceof Expr.Not not) {
            return push(not.operand(), !wanted);
        }
        if (condition instanceof Expr.Field field) {
            return mapping.bool(field.name()) ? term(field.name(), JSON.booleanNode(wanted), false) : null;
        }
        if (condition instanceof Expr.IsNull isNull && isNull.operand() instanceof Expr.Field field
                && field.name().indexOf('[') < 0) {
            ObjectNode exists = wrap("exists", JSON.objectNode().put("field", field.name()));
            return isNull.negated() == wanted ? exists : mustNot(exists);
        }
        Expr.Field field;
        ObjectNode positive;
        boolean negated;
        if (condition instanceof Expr.Compare compare) {
            field = compare.left() instanceof Expr.Field left ? left
                    : compare.right() instanceof Expr.Field right ? right : null;
            negated = compare.op() == CompareOp.NEQ;
            positive = compare(negated ? new Expr.Compare(CompareOp.EQ, compare.left(), compare.right()) : compare);
        } else if (condition instanceof Expr.Match match) {
            field = match.value() instanceof Expr.Field value ? value : null;
            negated = match.negated();
            positive = match(match);
        } else if (condition instanceof Expr.In in) {
            field = in.value() instanceof Expr.Field value ? value : null;
            negated = in.negated();
            positive = in(in);
        } else {
            return null;
        }
        if (positive == null || field == null) {
            return null;
        }
        if (negated == wanted) {
            ObjectNode bool = JSON.objectNode();
            ObjectNode inner = bool.putObject("bool");
            inner.putArray("filter").add(wrap("exists", JSON.objectNode().put("field", field.name())));
            inner.putArray("must_not").add(positive);
            return bool;
        }
        return positive;
    }

    /** Both clauses ({@code all}) or either; null when either side has no DSL. */
    private static ObjectNode combine(ObjectNode left, ObjectNode right, boolean all) {
        if (left == null || right == null) {
            return null;
        }
        return all ? wrap("bool", wrap("filter", JSON.arrayNode().add(left).add(right))) : should(List.of(left, right));
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
        boolean text = value instanceof String;
        if (caseInsensitive && text && op != CompareOp.EQ && op != CompareOp.NEQ) {
            // A range query compares case-sensitively: the evaluator orders the folded strings.
            return null;
        }
        return switch (op) {
            case EQ, NEQ -> term(target, json, caseInsensitive && text);
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
        if (field.indexOf('[') >= 0) {
            // One element of an array (field[0]) has no indexed form: the evaluator reads it.
            return null;
        }
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
        boolean insensitive = match.kind() == Expr.MatchKind.SEQ ? stringCase.colonIgnores()
                : stringCase.ignores(match.insensitive());
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
                if (insensitive) {
                    regexp.put("case_insensitive", true);
                }
                clause = wrap("regexp", JSON.objectNode().set(target, regexp));
            } else if (Patterns.hasWildcard(text)) {
                ObjectNode wildcard = JSON.objectNode().put("value", escapeWildcard(text));
                if (insensitive) {
                    wildcard.put("case_insensitive", true);
                }
                clause = wrap("wildcard", JSON.objectNode().set(target, wildcard));
            } else {
                clause = term(target, JSON.textNode(text), insensitive);
            }
            clauses.add(clause);
        }
        return clauses.size() == 1 ? clauses.get(0) : should(clauses);
    }

    /** In a wildcard query a backslash escapes; EQL's wildcards are only {@code *} and {@code ?}. */
    private static String escapeWildcard(String pattern) {
        return pattern.replace("\\", "\\\\");
    }

    private ObjectNode in(Expr.In in) {
        if (!(in.value() instanceof Expr.Field field)) {
            return null;
        }
        boolean insensitive = in.insensitive() || caseInsensitive;
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
            insensitiveTerms.add(term(candidateTarget, toJson(literal.value()), insensitive
                    && literal.value() instanceof String));
        }
        return insensitive ? should(insensitiveTerms) : wrap("terms", JSON.objectNode().set(target, values));
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
