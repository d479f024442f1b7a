package io.opendetection.kql;

/**
 * Where a KQL field lives in a table: {@code expression} is trusted SQL written by the service
 * (a column or a JSONB path such as {@code body->>'name'}), never text from the query.
 * {@code elementMatch}, for a {@link Kind#KEYWORD_ARRAY} only and optional, is the service's own SQL
 * for "the array holds exactly this element" with {@code %s} where the bound element goes: a
 * condition an index of the service answers, used instead of the containment test on
 * {@code expression}.
 */
public record SqlField(String expression, Kind kind, String elementMatch) {

    public SqlField(String expression, Kind kind) {
        this(expression, kind, null);
    }

    public enum Kind {
        /** Text compared whole, case-sensitively (ids, enums). */
        KEYWORD,
        /** Text searched as Elasticsearch searches an analysed field: case-insensitive, any part. */
        TEXT,
        /** A JSONB array of strings (tags); matches when any element matches. */
        KEYWORD_ARRAY,
        BOOLEAN,
        NUMBER,
        /** A timestamp; values are ISO-8601 strings. */
        DATE
    }
}
