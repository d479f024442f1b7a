package io.opendetection.eql.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.eql.parse.Expr;
import io.opendetection.eql.parse.Expr.CompareOp;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates expressions on an event's {@code _source} with Elasticsearch EQL's rules: operands
 * that are null make comparisons and functions null, {@code and}/{@code or}/{@code not} are
 * three-valued ({@code not null} is still null), and a condition keeps an event only when it is true.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** Whether the condition keeps the event: it is true (not false, not null). */
    public static boolean holds(Expr condition, JsonNode source) {
        return Boolean.TRUE.equals(value(condition, source));
    }

    /** The value of an expression: String, Long, Double, Boolean, List (multi-valued field) or null. */
    public static Object value(Expr expr, JsonNode source) {
        if (expr instanceof Expr.Literal literal) {
            return literal.value();
        }
        if (expr instanceof Expr.Field field) {
            return Sources.read(source, field.name());
        }
        if (expr instanceof Expr.Not not) {
            Object operand = value(not.operand(), source);
            return operand instanceof Boolean bool ? !bool : null;
        }
        if (expr instanceof Expr.And and) {
            Object left = value(and.left(), source);
            Object right = value(and.right(), source);
            if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
                return false;
            }
            return Boolean.TRUE.equals(left) && Boolean.TRUE.equals(right) ? Boolean.TRUE : null;
        }
        if (expr instanceof Expr.Or or) {
            Object left = value(or.left(), source);
            Object right = value(or.right(), source);
            if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
                return true;
            }
            return Boolean.FALSE.equals(left) && Boolean.FALSE.equals(right) ? Boolean.FALSE : null;
        }
        if (expr instanceof Expr.IsNull isNull) {
            Object operand = value(isNull.operand(), source);
            boolean absent = operand == null || operand instanceof List<?> list && list.isEmpty();
            return absent != isNull.negated();
        }
        if (expr instanceof Expr.Compare compare) {
            return compare(compare.op(), value(compare.left(), source), value(compare.right(), source));
        }
        if (expr instanceof Expr.Match match) {
            return match(match, source);
        }
        if (expr instanceof Expr.In in) {
            return in(in, source);
        }
        if (expr instanceof Expr.Arithmetic arithmetic) {
            return Functions.arithmetic(arithmetic.op(), first(value(arithmetic.left(), source)),
                    first(value(arithmetic.right(), source)));
        }
        if (expr instanceof Expr.Negate negate) {
            Object operand = first(value(negate.operand(), source));
            if (operand instanceof Long number) {
                return -number;
            }
            return operand instanceof Double number ? -number : null;
        }
        Expr.Call call = (Expr.Call) expr;
        Object[] args = new Object[call.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = value(call.args().get(i), source);
        }
        return Functions.call(call.name(), call.insensitive(), args);
    }

    /** A multi-valued field used where one value is expected: its first value. */
    static Object first(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : list.get(0);
        }
        return value;
    }

    private static Object compare(CompareOp op, Object left, Object right) {
        if (left instanceof List<?> values) {
            Object result = values.isEmpty() ? null : Boolean.FALSE;
            for (Object value : values) {
                Object one = compare(op, value, right);
                if (Boolean.TRUE.equals(one)) {
                    return true;
                }
                result = one == null ? null : result;
            }
            return result;
        }
        if (right instanceof List<?>) {
            return compare(op.flip(), right, left);
        }
        if (left == null || right == null) {
            return null;
        }
        if (op == CompareOp.EQ || op == CompareOp.NEQ) {
            Boolean equal = equal(left, right, false);
            return equal == null ? null : equal == (op == CompareOp.EQ);
        }
        Integer order = order(left, right);
        if (order == null) {
            return null;
        }
        return switch (op) {
            case LT -> order < 0;
            case LTE -> order <= 0;
            case GT -> order > 0;
            default -> order >= 0;
        };
    }

    /** Equality of two non-null scalars; null when they cannot be compared (a string and a number). */
    static Boolean equal(Object left, Object right, boolean insensitive) {
        if (left instanceof Number a && right instanceof Number b) {
            return compareNumbers(a, b) == 0;
        }
        if (left instanceof String a && right instanceof String b) {
            return insensitive ? a.equalsIgnoreCase(b) : a.equals(b);
        }
        if (left instanceof Boolean && right instanceof Boolean) {
            return left.equals(right);
        }
        return null;
    }

    static Integer order(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return compareNumbers(a, b);
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return a.compareTo(b);
        }
        return null;
    }

    static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    private static Object match(Expr.Match match, JsonNode source) {
        Object value = value(match.value(), source);
        Object result = matchAny(match, value, source);
        if (result == null) {
            return null;
        }
        return match.negated() != (Boolean) result;
    }

    private static Object matchAny(Expr.Match match, Object value, JsonNode source) {
        if (value instanceof List<?> values) {
            Object result = values.isEmpty() ? null : Boolean.FALSE;
            for (Object one : values) {
                Object matched = matchAny(match, one, source);
                if (Boolean.TRUE.equals(matched)) {
                    return true;
                }
                result = matched == null ? null : result;
            }
            return result;
        }
        if (value == null) {
            return null;
        }
        Object result = Boolean.FALSE;
        for (Expr patternExpr : match.patterns()) {
            Object pattern = first(value(patternExpr, source));
            if (pattern == null) {
                result = null;
                continue;
            }
            Boolean matched = matchOne(match, value, pattern);
            if (Boolean.TRUE.equals(matched)) {
                return true;
            }
            result = matched == null ? null : result;
        }
        return result;
    }

    private static Boolean matchOne(Expr.Match match, Object value, Object pattern) {
        if (!(value instanceof String text) || !(pattern instanceof String wanted)) {
            return match.kind() == Expr.MatchKind.SEQ ? equal(value, pattern, true) : null;
        }
        return switch (match.kind()) {
            case SEQ -> Patterns.hasWildcard(wanted) ? Patterns.wildcard(text, wanted, true) : text.equalsIgnoreCase(wanted);
            case LIKE -> Patterns.wildcard(text, wanted, match.insensitive());
            case REGEX -> Patterns.regex(text, wanted, match.insensitive());
        };
    }

    private static Object in(Expr.In in, JsonNode source) {
        Object value = value(in.value(), source);
        Object result = inAny(in, value, source);
        if (result == null) {
            return null;
        }
        return in.negated() != (Boolean) result;
    }

    private static Object inAny(Expr.In in, Object value, JsonNode source) {
        if (value instanceof List<?> values) {
            Object result = values.isEmpty() ? null : Boolean.FALSE;
            for (Object one : values) {
                Object found = inAny(in, one, source);
                if (Boolean.TRUE.equals(found)) {
                    return true;
                }
                result = found == null ? null : result;
            }
            return result;
        }
        if (value == null) {
            return null;
        }
        Object result = Boolean.FALSE;
        for (Expr candidateExpr : in.candidates()) {
            Object candidate = value(candidateExpr, source);
            List<?> candidates = candidate instanceof List<?> list ? list : java.util.Collections.singletonList(candidate);
            for (Object one : candidates) {
                if (one == null) {
                    result = null;
                    continue;
                }
                if (Objects.equals(equal(value, one, in.insensitive()), Boolean.TRUE)) {
                    return true;
                }
            }
        }
        return result;
    }
}
