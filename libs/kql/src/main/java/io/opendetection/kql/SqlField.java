package io.opendetection.kql;

/**
 * Where a KQL field lives in a table: {@code expression} is trusted SQL written by the service
 * (a column or a JSONB path such as {@code body->>'name'}), never text from the query.
 */
public record SqlField(String expression, Kind kind) {

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
