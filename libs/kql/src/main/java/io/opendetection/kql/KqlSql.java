package io.opendetection.kql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compiles KQL to a SQL condition, so that filters on stored documents (rules, exception lists,
 * value lists) run in PostgreSQL rather than in memory. Values are always bound parameters; the
 * only SQL text that enters the condition is the services' own field expressions.
 *
 * <p>Semantics follow Elasticsearch on a saved-object index: a missing field never matches (so
 * {@code not} matches it), {@code field: *} tests presence, wildcards match any run of characters,
 * and TEXT fields match case-insensitively on any part of the value.
 *
 * <p>Every parameter is text, cast in SQL ({@code $1::text::boolean}): the PostgreSQL client
 * encodes a parameter by the type the server infers, so a bare {@code $1::boolean} would need a
 * Java Boolean. Values are checked here first, so a bad one is the caller's 400, not a SQL error.
 */
public final class KqlSql {

    private final SqlFields fields;
    private final List<Object> parameters = new ArrayList<>();
    private final int firstParameter;

    private KqlSql(SqlFields fields, int firstParameter) {
        this.fields = fields;
        this.firstParameter = firstParameter;
    }

    /**
     * @param firstParameter the number of the first placeholder ({@code $firstParameter}); the
     *                       caller's own parameters come before it
     * @throws KqlSyntaxException when {@code kql} is not valid KQL
     * @throws KqlFieldException  when it names a field {@code fields} does not offer
     */
    public static SqlCondition toSql(String kql, SqlFields fields, int firstParameter) {
        KqlSql compiler = new KqlSql(fields, firstParameter);
        String sql = compiler.compile(KqlParser.parse(kql));
        return new SqlCondition(sql, compiler.parameters);
    }

    private String compile(KqlNode node) {
        if (node instanceof KqlNode.Or or) {
            return or.children().stream().map(this::compile).collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (node instanceof KqlNode.And and) {
            return and.children().stream().map(this::compile).collect(Collectors.joining(" AND ", "(", ")"));
        }
        if (node instanceof KqlNode.Not not) {
            // A missing field makes the inner condition NULL; Elasticsearch's must_not matches it.
            return "(NOT COALESCE(" + compile(not.child()) + ", false))";
        }
        if (node instanceof KqlNode.Is is) {
            return is(is);
        }
        if (node instanceof KqlNode.Range range) {
            return range(range);
        }
        throw new KqlFieldException("nested field queries are not supported in this filter");
    }

    private String is(KqlNode.Is is) {
        boolean presence = is.value() instanceof KqlTerm.Wildcard wildcard && wildcard.isLone();
        if (is.field() == null) {
            List<SqlField> defaults = fields.defaultFields();
            if (defaults.isEmpty()) {
                throw new KqlFieldException("a value without a field is not supported in this filter: "
                        + is.value().value());
            }
            return defaults.stream().map(field -> matches(field, is.value()))
                    .collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (is.field() instanceof KqlTerm.Wildcard fieldPattern) {
            if (presence && fieldPattern.isLone()) {
                return "TRUE";
            }
            throw new KqlFieldException("wildcards in field names are not supported in this filter: "
                    + fieldPattern.value());
        }
        SqlField field = field(is.field());
        if (presence) {
            return field.kind() == SqlField.Kind.KEYWORD_ARRAY
                    ? "(jsonb_typeof(" + field.expression() + ") = 'array' AND jsonb_array_length("
                    + field.expression() + ") > 0)"
                    : "(" + field.expression() + " IS NOT NULL)";
        }
        return matches(field, is.value());
    }

    private String matches(SqlField field, KqlTerm value) {
        String expression = field.expression();
        if (value instanceof KqlTerm.Wildcard wildcard) {
            String pattern = bind(likePattern(wildcard.parts()));
            return switch (field.kind()) {
                case KEYWORD -> "(" + expression + " LIKE " + pattern + ")";
                case TEXT -> "(" + expression + " ILIKE " + pattern + ")";
                case KEYWORD_ARRAY -> "(EXISTS (SELECT 1 FROM jsonb_array_elements_text(" + expression
                        + ") element WHERE element LIKE " + pattern + "))";
                default -> "(" + expression + "::text LIKE " + pattern + ")";
            };
        }
        String text = String.valueOf(value.value());
        return switch (field.kind()) {
            case KEYWORD -> "(" + expression + " = " + bind(text) + ")";
            case TEXT -> "(" + expression + " ILIKE " + bind(likePattern(List.of("", text, ""))) + ")";
            // The one-element array is bound as JSON, a constant to the planner: jsonb_build_array($n)
            // would be built again for every row an index hit is rechecked on.
            case KEYWORD_ARRAY -> field.elementMatch() != null
                    ? "(" + String.format(field.elementMatch(), bind(text)) + ")"
                    : "(" + expression + " @> " + bind(JsonNodeFactory.instance.arrayNode().add(text).toString())
                    + "::text::jsonb)";
            case BOOLEAN -> "(" + expression + " = " + bind(booleanValue(text)) + "::text::boolean)";
            case NUMBER -> "(" + expression + " = " + bind(number(text)) + "::text::numeric)";
            case DATE -> "(" + expression + " = " + bind(date(text)) + "::text::timestamptz)";
        };
    }

    private String range(KqlNode.Range range) {
        if (!(range.field() instanceof KqlTerm.Literal)) {
            throw new KqlFieldException("wildcards in field names are not supported in this filter: "
                    + range.field().value());
        }
        SqlField field = field(range.field());
        String operator = switch (range.operator()) {
            case LT -> "<";
            case LTE -> "<=";
            case GT -> ">";
            case GTE -> ">=";
        };
        String text = String.valueOf(range.value().value());
        return switch (field.kind()) {
            case NUMBER -> "(" + field.expression() + " " + operator + " " + bind(number(text)) + "::text::numeric)";
            case DATE -> "(" + field.expression() + " " + operator + " " + bind(date(text)) + "::text::timestamptz)";
            case KEYWORD, TEXT -> "(" + field.expression() + " " + operator + " " + bind(text) + ")";
            default -> throw new KqlFieldException("a range is not supported on the field "
                    + range.field().value());
        };
    }

    private SqlField field(KqlTerm term) {
        String name = String.valueOf(term.value());
        Optional<SqlField> field = fields.resolve(name);
        return field.orElseThrow(() -> new KqlFieldException("unknown field in filter: " + name));
    }

    private String bind(Object value) {
        parameters.add(value);
        return "$" + (firstParameter + parameters.size() - 1);
    }

    private static String booleanValue(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new KqlFieldException("expected true or false, found: " + text);
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    /** An ISO-8601 date or date-time (with or without offset; UTC when none), as PostgreSQL reads it. */
    private static String date(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toString();
        } catch (java.time.format.DateTimeParseException notOffset) {
            try {
                return java.time.LocalDateTime.parse(text).atOffset(java.time.ZoneOffset.UTC).toString();
            } catch (java.time.format.DateTimeParseException notLocal) {
                try {
                    return java.time.LocalDate.parse(text).atStartOfDay().atOffset(java.time.ZoneOffset.UTC).toString();
                } catch (java.time.format.DateTimeParseException notDate) {
                    throw new KqlFieldException("expected a date, found: " + text);
                }
            }
        }
    }

    private static String number(String text) {
        try {
            return new java.math.BigDecimal(text).toPlainString();
        } catch (NumberFormatException e) {
            throw new KqlFieldException("expected a number, found: " + text);
        }
    }

    /** The text between wildcards, escaped for LIKE, joined by {@code %}. */
    private static String likePattern(List<String> parts) {
        return parts.stream()
                .map(part -> part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .collect(Collectors.joining("%"));
    }
}
