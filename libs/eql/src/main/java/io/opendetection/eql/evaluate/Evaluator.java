package io.opendetection.eql.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.eql.StringCase;
import io.opendetection.eql.parse.Expr;
import io.opendetection.eql.parse.Expr.CompareOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates expressions on an event's {@code _source} with Elasticsearch EQL's rules: operands
 * that are null make comparisons and functions null, {@code and}/{@code or}/{@code not} are
 * three-valued ({@code not null} is still null), and a condition keeps an event only when it is true.
 * {@code stringCase} says how strings compare (Elasticsearch's way or a case option).
 * Process lineage is answered by the engine's {@link LineageState}; the array functions bind
 * their variable to each element in a child evaluator.
 */
public final class Evaluator {

    /** Case-sensitive, without lineage. */
    public static final Evaluator DEFAULT = new Evaluator(StringCase.DEFAULT, null);

    /** Answers {@code descendant of}/{@code child of}/{@code event of} from what the engine has seen so far. */
    public interface LineageState {
        boolean holds(Expr.Lineage lineage, JsonNode source);
    }

    private final StringCase stringCase;
    private final boolean caseInsensitive;
    private final LineageState lineage;
    private final Map<String, JsonNode> variables;

    public Evaluator(StringCase stringCase, LineageState lineage) {
        this(stringCase, lineage, Map.of());
    }

    private Evaluator(StringCase stringCase, LineageState lineage, Map<String, JsonNode> variables) {
        this.stringCase = stringCase;
        this.caseInsensitive = stringCase == StringCase.INSENSITIVE;
        this.lineage = lineage;
        this.variables = variables;
    }

    /** Whether the condition keeps the event (case-sensitive, without lineage). */
    public static boolean holds(Expr condition, JsonNode source) {
        return DEFAULT.isTrue(condition, source);
    }

    /** The value of an expression (case-sensitive, without lineage). */
    public static Object value(Expr expr, JsonNode source) {
        return DEFAULT.valueOf(expr, source);
    }

    /** Whether the condition keeps the event: it is true (not false, not null). */
    public boolean isTrue(Expr condition, JsonNode source) {
        return Boolean.TRUE.equals(condition(condition, source));
    }

    /**
     * A condition's truth: a boolean, or null. A field holding an object counts as true when the
     * object holds anything, as python EQL took it ({@code network where mysterious_field}).
     */
    private Boolean condition(Expr expr, JsonNode source) {
        Object value = valueOf(expr, source);
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value == null && expr instanceof Expr.Field field) {
            for (JsonNode node : nodes(field, source)) {
                if (node.isObject() && node.size() > 0) {
                    return true;
                }
            }
        }
        return null;
    }

    /** The value of an expression: String, Long, Double, Boolean, List (multi-valued field) or null. */
    public Object valueOf(Expr expr, JsonNode source) {
        if (expr instanceof Expr.Literal literal) {
            return literal.value();
        }
        if (expr instanceof Expr.Field field) {
            List<Object> found = new ArrayList<>();
            for (JsonNode node : nodes(field, source)) {
                Sources.addValue(node, found);
            }
            return found.isEmpty() ? null : found.size() == 1 ? found.get(0) : found;
        }
        if (expr instanceof Expr.Not not) {
            Boolean operand = condition(not.operand(), source);
            return operand == null ? null : !operand;
        }
        if (expr instanceof Expr.And and) {
            Boolean left = condition(and.left(), source);
            Boolean right = condition(and.right(), source);
            if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
                return false;
            }
            return Boolean.TRUE.equals(left) && Boolean.TRUE.equals(right) ? Boolean.TRUE : null;
        }
        if (expr instanceof Expr.Or or) {
            Boolean left = condition(or.left(), source);
            Boolean right = condition(or.right(), source);
            if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
                return true;
            }
            return Boolean.FALSE.equals(left) && Boolean.FALSE.equals(right) ? Boolean.FALSE : null;
        }
        if (expr instanceof Expr.IsNull isNull) {
            Object operand = valueOf(isNull.operand(), source);
            boolean absent = operand == null || operand instanceof List<?> list && list.isEmpty();
            return absent != isNull.negated();
        }
        if (expr instanceof Expr.Compare compare) {
            return compare(compare.op(), valueOf(compare.left(), source), valueOf(compare.right(), source));
        }
        if (expr instanceof Expr.Match match) {
            return match(match, source);
        }
        if (expr instanceof Expr.In in) {
            return in(in, source);
        }
        if (expr instanceof Expr.Arithmetic arithmetic) {
            return Functions.arithmetic(arithmetic.op(), first(valueOf(arithmetic.left(), source)),
                    first(valueOf(arithmetic.right(), source)));
        }
        if (expr instanceof Expr.Negate negate) {
            Object operand = first(valueOf(negate.operand(), source));
            if (operand instanceof Long number) {
                return -number;
            }
            return operand instanceof Double number ? -number : null;
        }
        if (expr instanceof Expr.Lineage node) {
            if (lineage == null) {
                throw new IllegalStateException("process lineage (" + node.kind().name().toLowerCase(Locale.ROOT)
                        + " of) is evaluated by the engine over the events it reads");
            }
            return lineage.holds(node, source);
        }
        return call((Expr.Call) expr, source);
    }

    /** A field's nodes: from a variable of an array function when its name starts with one, else from the event. */
    private List<JsonNode> nodes(Expr.Field field, JsonNode source) {
        String name = field.name();
        if (!variables.isEmpty()) {
            int dot = name.indexOf('.');
            JsonNode bound = variables.get(dot < 0 ? name : name.substring(0, dot));
            if (bound != null) {
                return dot < 0 ? List.of(bound) : Sources.nodes(bound, name.substring(dot + 1));
            }
        }
        return Sources.nodes(source, name);
    }

    private Object call(Expr.Call call, JsonNode source) {
        switch (call.name()) {
            case "safe":
                try {
                    return valueOf(call.args().get(0), source);
                } catch (RuntimeException e) {
                    return null;
                }
            case "arraySearch":
            case "arrayCount":
                return arrayWalk(call, source);
            case "length":
                Object value = valueOf(call.args().get(0), source);
                // A multi-valued field's length is its number of values, as python EQL counts an array.
                return value instanceof List<?> list ? (Object) (long) list.size() : Functions.call("length", false,
                        new Object[] {value});
            case "arrayContains":
                return arrayContains(call, source);
            default:
                Object[] args = new Object[call.args().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = valueOf(call.args().get(i), source);
                }
                return Functions.call(call.name(), call.insensitive() || caseInsensitive, args);
        }
    }

    /** {@code arraySearch(array, v, condition)}: whether any element makes it true; {@code arrayCount}: how many. */
    private Object arrayWalk(Expr.Call call, JsonNode source) {
        Expr array = call.args().get(0);
        String variable = ((Expr.Field) call.args().get(1)).name();
        Expr body = call.args().get(2);
        List<JsonNode> elements = new ArrayList<>();
        if (array instanceof Expr.Field field) {
            for (JsonNode node : nodes(field, source)) {
                if (node.isArray()) {
                    node.forEach(elements::add);
                } else {
                    elements.add(node);
                }
            }
        }
        long count = 0;
        for (JsonNode element : elements) {
            Map<String, JsonNode> scope = new HashMap<>(variables);
            scope.put(variable, element);
            if (new Evaluator(stringCase, lineage, scope).isTrue(body, source)) {
                if (call.name().equals("arraySearch")) {
                    return true;
                }
                count++;
            }
        }
        return call.name().equals("arraySearch") ? (Object) false : (Object) count;
    }

    /** {@code arrayContains(array, v1, v2...)}: whether any of the array's values equals any of the others. */
    private Object arrayContains(Expr.Call call, JsonNode source) {
        Object array = valueOf(call.args().get(0), source);
        if (array == null) {
            return null;
        }
        List<?> values = array instanceof List<?> list ? list : List.of(array);
        for (int i = 1; i < call.args().size(); i++) {
            Object wanted = first(valueOf(call.args().get(i), source));
            for (Object value : values) {
                if (wanted != null && Boolean.TRUE.equals(equal(value, wanted, caseInsensitive))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A multi-valued field used where one value is expected: its first value. */
    static Object first(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : list.get(0);
        }
        return value;
    }

    private Object compare(CompareOp op, Object left, Object right) {
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
            Boolean equal = equal(left, right, caseInsensitive);
            return equal == null ? null : equal == (op == CompareOp.EQ);
        }
        Integer order = caseInsensitive && left instanceof String a && right instanceof String b
                ? Integer.valueOf(Patterns.lower(a).compareTo(Patterns.lower(b))) : order(left, right);
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

    private Object match(Expr.Match match, JsonNode source) {
        Object value = valueOf(match.value(), source);
        Object result = matchAny(match, value, source);
        if (result == null) {
            return null;
        }
        return match.negated() != (Boolean) result;
    }

    private Object matchAny(Expr.Match match, Object value, JsonNode source) {
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
            Object pattern = first(valueOf(patternExpr, source));
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

    private Boolean matchOne(Expr.Match match, Object value, Object pattern) {
        boolean insensitive = match.insensitive() || caseInsensitive;
        if (!(value instanceof String text) || !(pattern instanceof String wanted)) {
            return match.kind() == Expr.MatchKind.SEQ ? equal(value, pattern, stringCase.colonIgnores()) : null;
        }
        return switch (match.kind()) {
            case SEQ -> Patterns.hasWildcard(wanted) ? Patterns.wildcard(text, wanted, stringCase.colonIgnores())
                    : Boolean.valueOf(stringCase.colonIgnores() ? text.equalsIgnoreCase(wanted) : text.equals(wanted));
            case LIKE -> Patterns.wildcard(text, wanted, insensitive);
            case REGEX -> Patterns.regex(text, wanted, insensitive);
        };
    }

    private Object in(Expr.In in, JsonNode source) {
        Object value = valueOf(in.value(), source);
        Object result = inAny(in, value, source);
        if (result == null) {
            return null;
        }
        return in.negated() != (Boolean) result;
    }

    private Object inAny(Expr.In in, Object value, JsonNode source) {
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
            Object candidate = valueOf(candidateExpr, source);
            List<?> candidates = candidate instanceof List<?> list ? list : java.util.Collections.singletonList(candidate);
            for (Object one : candidates) {
                if (one == null) {
                    result = null;
                    continue;
                }
                if (Objects.equals(equal(value, one, in.insensitive() || caseInsensitive), Boolean.TRUE)) {
                    return true;
                }
            }
        }
        return result;
    }
}
