package io.opendetection.kql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KqlSqlTest {
    private static final Map<String, SqlField> RULE_FIELDS = Map.of(
            "alert.attributes.name", new SqlField("body->>'name'", SqlField.Kind.TEXT),
            "alert.attributes.params.rule_id", new SqlField("rule_id", SqlField.Kind.KEYWORD),
            "alert.attributes.tags", new SqlField("body->'tags'", SqlField.Kind.KEYWORD_ARRAY),
            "alert.attributes.enabled", new SqlField("(body->>'enabled')::boolean", SqlField.Kind.BOOLEAN),
            "alert.attributes.params.risk_score", new SqlField("(body->>'risk_score')::numeric", SqlField.Kind.NUMBER),
            "alert.attributes.updatedAt", new SqlField("updated_at", SqlField.Kind.DATE));
    private static final SqlFields FIELDS = name -> Optional.ofNullable(RULE_FIELDS.get(name));

    @Test
    void booleanFieldIsComparedAsBoolean() {
        SqlCondition condition = KqlSql.toSql("alert.attributes.enabled: true", FIELDS, 3);
        assertEquals("((body->>'enabled')::boolean = $3::text::boolean)", condition.sql());
        assertEquals(List.of("true"), condition.parameters());
    }

    @Test
    void andOrNotKeepKqlPrecedenceAndTreatMissingAsNotMatching() {
        SqlCondition condition = KqlSql.toSql(
                "alert.attributes.tags: \"t1\" or not alert.attributes.params.rule_id: r-1 and alert.attributes.name: Foo",
                FIELDS, 1);
        assertEquals("((body->'tags' @> $1::text::jsonb) OR ((NOT COALESCE((rule_id = $2), false))"
                + " AND (body->>'name' ILIKE $3)))", condition.sql());
        assertEquals(List.of("[\"t1\"]", "r-1", "%Foo%"), condition.parameters());
    }

    @Test
    void anExactElementUsesTheFieldsOwnElementMatchAndOnlyThat() {
        SqlFields fields = name -> Optional.of(new SqlField("tags", SqlField.Kind.KEYWORD_ARRAY,
                "space_tags @> ARRAY[$1 || chr(31) || %s::text]"));
        SqlCondition exact = KqlSql.toSql("tags: \"Domain: Endpoint\"", fields, 2);
        assertEquals("(space_tags @> ARRAY[$1 || chr(31) || $2::text])", exact.sql());
        assertEquals(List.of("Domain: Endpoint"), exact.parameters());
        // a pattern or presence is no exact element: the array itself is tested
        assertEquals("(EXISTS (SELECT 1 FROM jsonb_array_elements_text(tags) element WHERE element LIKE $2))",
                KqlSql.toSql("tags: Dom*", fields, 2).sql());
        assertEquals("(jsonb_typeof(tags) = 'array' AND jsonb_array_length(tags) > 0)",
                KqlSql.toSql("tags: *", fields, 2).sql());
    }

    @Test
    void wildcardsBecomeEscapedLikePatterns() {
        SqlCondition condition = KqlSql.toSql("alert.attributes.params.rule_id: a_b%*", FIELDS, 1);
        assertEquals("(rule_id LIKE $1)", condition.sql());
        assertEquals(List.of("a\\_b\\%%"), condition.parameters());
    }

    @Test
    void rangesAndPresence() {
        SqlCondition condition = KqlSql.toSql(
                "alert.attributes.params.risk_score >= 21 and alert.attributes.tags: * and alert.attributes.updatedAt < \"2026-01-01\"",
                FIELDS, 1);
        assertEquals("(((body->>'risk_score')::numeric >= $1::text::numeric) AND (jsonb_typeof(body->'tags') = 'array'"
                + " AND jsonb_array_length(body->'tags') > 0) AND (updated_at < $2::text::timestamptz))", condition.sql());
        assertEquals(List.of("21", "2026-01-01T00:00Z"), condition.parameters());
    }

    @Test
    void unknownFieldsAndBadValuesAreRefusedByName() {
        KqlFieldException unknown = assertThrows(KqlFieldException.class,
                () -> KqlSql.toSql("alert.attributes.password: x", FIELDS, 1));
        assertEquals("unknown field in filter: alert.attributes.password", unknown.getMessage());
        assertThrows(KqlFieldException.class, () -> KqlSql.toSql("alert.attributes.enabled: maybe", FIELDS, 1));
        assertThrows(KqlFieldException.class, () -> KqlSql.toSql("bare", FIELDS, 1));
        assertThrows(KqlFieldException.class, () -> KqlSql.toSql("alert.attributes.updatedAt < yesterday", FIELDS, 1));
        assertThrows(KqlSyntaxException.class, () -> KqlSql.toSql("alert.attributes.enabled:", FIELDS, 1));
    }

    @Test
    void userTextNeverEntersTheSql() {
        SqlCondition condition = KqlSql.toSql("alert.attributes.params.rule_id: \"x'); drop table rule; --\"", FIELDS, 1);
        assertEquals("(rule_id = $1)", condition.sql());
        assertEquals(List.of("x'); drop table rule; --"), condition.parameters());
    }
}
