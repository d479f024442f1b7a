package io.opendetection.lists.paging;

import io.opendetection.common.errors.ApiException;
import io.opendetection.kql.KqlFieldException;
import io.opendetection.kql.KqlSql;
import io.opendetection.kql.KqlSyntaxException;
import io.opendetection.kql.SqlCondition;
import io.opendetection.kql.SqlField;
import io.opendetection.kql.SqlFields;
import io.opendetection.lists.item.service.ItemIds;

import java.util.Map;
import java.util.Optional;

/**
 * The KQL {@code filter} of a {@code _find}, as a SQL condition over the fields a table offers;
 * a filter that does not parse, or names a field that cannot be searched, is a 400.
 */
public final class Filters {
    /** What a list {@code _find} filter may name, as stored in {@code value_list}. */
    public static final SqlFields LISTS = fields(Map.ofEntries(
            Map.entry("id", new SqlField("id", SqlField.Kind.KEYWORD)),
            Map.entry("name", new SqlField("document->>'name'", SqlField.Kind.TEXT)),
            Map.entry("description", new SqlField("document->>'description'", SqlField.Kind.TEXT)),
            Map.entry("type", new SqlField("document->>'type'", SqlField.Kind.KEYWORD)),
            Map.entry("immutable", new SqlField("(document->>'immutable')::boolean", SqlField.Kind.BOOLEAN)),
            Map.entry("version", new SqlField("(document->>'version')::numeric", SqlField.Kind.NUMBER)),
            Map.entry("created_by", new SqlField("document->>'created_by'", SqlField.Kind.KEYWORD)),
            Map.entry("updated_by", new SqlField("document->>'updated_by'", SqlField.Kind.KEYWORD)),
            Map.entry("created_at", new SqlField("(document->>'created_at')::timestamptz", SqlField.Kind.DATE)),
            Map.entry("updated_at", new SqlField("(document->>'updated_at')::timestamptz", SqlField.Kind.DATE)),
            Map.entry("tie_breaker_id", new SqlField("document->>'tie_breaker_id'", SqlField.Kind.KEYWORD))));

    /** What an item {@code _find} filter may name, as stored in {@code list_item}. */
    public static final SqlFields ITEMS = fields(Map.ofEntries(
            Map.entry("id", new SqlField(ItemIds.SQL_ID, SqlField.Kind.KEYWORD)),
            Map.entry("value", new SqlField("i.value", SqlField.Kind.KEYWORD)),
            Map.entry("created_by", new SqlField("i.created_by", SqlField.Kind.KEYWORD)),
            Map.entry("updated_by", new SqlField("i.updated_by", SqlField.Kind.KEYWORD)),
            Map.entry("created_at", new SqlField("i.created_at::timestamptz", SqlField.Kind.DATE)),
            Map.entry("updated_at", new SqlField("i.updated_at::timestamptz", SqlField.Kind.DATE)),
            Map.entry("tie_breaker_id", new SqlField(ItemIds.SQL_TIE_BREAKER, SqlField.Kind.KEYWORD))));

    private Filters() {
    }

    /** The filter as SQL whose placeholders start after the query's {@code ownParameters}. */
    public static SqlFilter condition(String filter, SqlFields fields, int ownParameters) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        try {
            SqlCondition condition = KqlSql.toSql(filter, fields, ownParameters + 1);
            return new SqlFilter(condition.sql(), condition.parameters());
        } catch (KqlSyntaxException | KqlFieldException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static SqlFields fields(Map<String, SqlField> byName) {
        return name -> Optional.ofNullable(byName.get(name));
    }
}
