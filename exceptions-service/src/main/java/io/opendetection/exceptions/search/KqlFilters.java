package io.opendetection.exceptions.search;

import io.opendetection.common.errors.ApiException;
import io.opendetection.kql.KqlFieldException;
import io.opendetection.kql.KqlSql;
import io.opendetection.kql.KqlSyntaxException;
import io.opendetection.kql.SqlCondition;
import io.opendetection.kql.SqlField;
import io.opendetection.kql.SqlFields;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.opendetection.kql.SqlField.Kind.BOOLEAN;
import static io.opendetection.kql.SqlField.Kind.DATE;
import static io.opendetection.kql.SqlField.Kind.KEYWORD;
import static io.opendetection.kql.SqlField.Kind.KEYWORD_ARRAY;
import static io.opendetection.kql.SqlField.Kind.NUMBER;
import static io.opendetection.kql.SqlField.Kind.TEXT;

/**
 * Kibana's {@code filter} of the exceptions {@code _find} routes: KQL over the saved object's
 * attributes ({@code exception-list.attributes.name: ...}, or {@code exception-list-agnostic...}),
 * evaluated in PostgreSQL on the stored documents.
 */
public final class KqlFilters {
    private static final List<String> PREFIXES = List.of("exception-list.attributes.",
            "exception-list-agnostic.attributes.");
    /** The attributes lists and items share, by the names Kibana's mappings give them. */
    private static final Map<String, SqlField> ATTRIBUTES = Map.ofEntries(
            Map.entry("list_id", text("list_id", KEYWORD)),
            Map.entry("item_id", text("item_id", KEYWORD)),
            Map.entry("name", text("name", KEYWORD)),
            Map.entry("name.text", text("name", TEXT)),
            Map.entry("description", text("description", TEXT)),
            Map.entry("type", text("type", KEYWORD)),
            Map.entry("created_by", text("created_by", KEYWORD)),
            Map.entry("updated_by", text("updated_by", KEYWORD)),
            Map.entry("created_at", new SqlField("(document->>'created_at')::timestamptz", DATE)),
            Map.entry("updated_at", new SqlField("(document->>'updated_at')::timestamptz", DATE)),
            Map.entry("expire_time", new SqlField("(document->>'expire_time')::timestamptz", DATE)),
            Map.entry("immutable", new SqlField("(document->>'immutable')::boolean", BOOLEAN)),
            Map.entry("version", new SqlField("(document->>'version')::numeric", NUMBER)),
            Map.entry("tags", new SqlField("(document->'tags')", KEYWORD_ARRAY)),
            Map.entry("os_types", new SqlField("(document->'os_types')", KEYWORD_ARRAY)),
            Map.entry("comments.comment", path("lax $.comments[*].comment")),
            Map.entry("entries.field", path("lax $.entries[*].field")),
            Map.entry("entries.operator", path("lax $.entries[*].operator")),
            Map.entry("entries.type", path("lax $.entries[*].type")),
            Map.entry("entries.value", path("lax $.entries[*].value[*]")),
            Map.entry("entries.list.id", path("lax $.entries[*].list.id")),
            Map.entry("entries.list.type", path("lax $.entries[*].list.type")),
            Map.entry("entries.entries.field", path("lax $.entries[*].entries[*].field")),
            Map.entry("entries.entries.operator", path("lax $.entries[*].entries[*].operator")),
            Map.entry("entries.entries.type", path("lax $.entries[*].entries[*].type")),
            Map.entry("entries.entries.value", path("lax $.entries[*].entries[*].value[*]")));
    private static final SqlFields FIELDS = new SqlFields() {
        @Override
        public Optional<SqlField> resolve(String name) {
            for (String prefix : PREFIXES) {
                if (name.startsWith(prefix)) {
                    return Optional.ofNullable(ATTRIBUTES.get(name.substring(prefix.length())));
                }
            }
            return Optional.empty();
        }
    };

    private KqlFilters() {
    }

    /**
     * The condition a {@code filter} sets; {@link SqlFilter#NONE} for none. A filter that is not
     * KQL, or names an attribute we do not have, is a 400 that says why.
     */
    public static SqlFilter of(String kql) {
        if (kql == null || kql.isBlank()) {
            return SqlFilter.NONE;
        }
        compile(kql, 1); // refuse a bad filter now, before any query runs
        return parameters -> {
            SqlCondition condition = compile(kql, parameters.size() + 1);
            parameters.addAll(condition.parameters());
            return " AND (" + condition.sql() + ")";
        };
    }

    private static SqlCondition compile(String kql, int firstParameter) {
        try {
            return KqlSql.toSql(kql, FIELDS, firstParameter);
        } catch (KqlSyntaxException | KqlFieldException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static SqlField text(String attribute, SqlField.Kind kind) {
        return new SqlField("(document->>'" + attribute + "')", kind);
    }

    private static SqlField path(String jsonPath) {
        return new SqlField("jsonb_path_query_array(document, '" + jsonPath + "')", KEYWORD_ARRAY);
    }
}
