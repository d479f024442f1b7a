package io.opendetection.rules.rule.persistence;

import io.opendetection.kql.SqlField;
import io.opendetection.kql.SqlFields;

import java.util.Map;
import java.util.Optional;

import static io.opendetection.kql.SqlField.Kind.BOOLEAN;
import static io.opendetection.kql.SqlField.Kind.DATE;
import static io.opendetection.kql.SqlField.Kind.KEYWORD;
import static io.opendetection.kql.SqlField.Kind.KEYWORD_ARRAY;
import static io.opendetection.kql.SqlField.Kind.NUMBER;
import static io.opendetection.kql.SqlField.Kind.TEXT;

/**
 * The rule attributes a _find or bulk-action filter may name, by the saved-object names Kibana's
 * filters use ({@code alert.attributes.name}, {@code alert.attributes.params.immutable}, ...), on
 * the rule table's columns and stored document. Parameters' camelCase and snake_case names both
 * resolve, as both appear in clients.
 */
public final class RuleFilterFields implements SqlFields {
    public static final RuleFilterFields INSTANCE = new RuleFilterFields();
    private static final String PREFIX = "alert.attributes.";

    private static final Map<String, SqlField> FIELDS = Map.ofEntries(
            Map.entry("name", new SqlField("name", TEXT)),
            Map.entry("name.keyword", new SqlField("name", KEYWORD)),
            // An exact tag is looked up in the GIN index of space_tags (V44), $1 being the space:
            // it holds just the space's rules with the tag, where tags' own index held every space's.
            Map.entry("tags", new SqlField("tags", KEYWORD_ARRAY, "space_tags @> ARRAY[$1 || chr(31) || %s::text]")),
            Map.entry("enabled", new SqlField("enabled", BOOLEAN)),
            Map.entry("alertTypeId", new SqlField("('siem.' || CASE body->>'type' WHEN 'query' THEN 'queryRule'"
                    + " WHEN 'saved_query' THEN 'savedQueryRule' WHEN 'eql' THEN 'eqlRule' WHEN 'esql' THEN 'esqlRule'"
                    + " WHEN 'threshold' THEN 'thresholdRule' WHEN 'threat_match' THEN 'indicatorRule'"
                    + " WHEN 'machine_learning' THEN 'mlRule' WHEN 'new_terms' THEN 'newTermsRule' END)", KEYWORD)),
            Map.entry("createdAt", new SqlField("created_at", DATE)),
            Map.entry("updatedAt", new SqlField("updated_at", DATE)),
            Map.entry("createdBy", new SqlField("(body->>'created_by')", KEYWORD)),
            Map.entry("updatedBy", new SqlField("(body->>'updated_by')", KEYWORD)),
            Map.entry("params.type", new SqlField("(body->>'type')", KEYWORD)),
            Map.entry("params.immutable", new SqlField("((body->>'immutable')::boolean)", BOOLEAN)),
            Map.entry("params.ruleId", new SqlField("rule_id", KEYWORD)),
            Map.entry("params.rule_id", new SqlField("rule_id", KEYWORD)),
            Map.entry("params.ruleSource.type", new SqlField("(body->'rule_source'->>'type')", KEYWORD)),
            Map.entry("params.ruleSource.isCustomized",
                    new SqlField("((body->'rule_source'->>'is_customized')::boolean)", BOOLEAN)),
            Map.entry("params.riskScore", new SqlField("risk_score", NUMBER)),
            Map.entry("params.risk_score", new SqlField("risk_score", NUMBER)),
            Map.entry("params.severity", new SqlField("severity", KEYWORD)),
            Map.entry("params.version", new SqlField("((body->>'version')::numeric)", NUMBER)),
            Map.entry("params.description", new SqlField("(body->>'description')", TEXT)),
            Map.entry("params.note", new SqlField("(body->>'note')", TEXT)),
            Map.entry("params.query", new SqlField("(body->>'query')", TEXT)),
            Map.entry("params.language", new SqlField("(body->>'language')", KEYWORD)),
            Map.entry("params.index", new SqlField("(body->'index')", KEYWORD_ARRAY)),
            Map.entry("params.author", new SqlField("(body->'author')", KEYWORD_ARRAY)),
            Map.entry("params.dataViewId", new SqlField("(body->>'data_view_id')", KEYWORD)),
            Map.entry("params.exceptionsList.list_id",
                    new SqlField("jsonb_path_query_array(body, '$.exceptions_list[*].list_id')", KEYWORD_ARRAY)),
            Map.entry("params.exceptionsList.id",
                    new SqlField("jsonb_path_query_array(body, '$.exceptions_list[*].id')", KEYWORD_ARRAY)),
            Map.entry("params.threat.tactic.id",
                    new SqlField("jsonb_path_query_array(body, '$.threat[*].tactic.id')", KEYWORD_ARRAY)),
            Map.entry("params.threat.tactic.name",
                    new SqlField("jsonb_path_query_array(body, '$.threat[*].tactic.name')", KEYWORD_ARRAY)),
            Map.entry("params.threat.technique.id",
                    new SqlField("jsonb_path_query_array(body, '$.threat[*].technique[*].id')", KEYWORD_ARRAY)),
            Map.entry("params.threat.technique.name",
                    new SqlField("jsonb_path_query_array(body, '$.threat[*].technique[*].name')", KEYWORD_ARRAY)),
            Map.entry("params.threat.technique.subtechnique.id", new SqlField(
                    "jsonb_path_query_array(body, '$.threat[*].technique[*].subtechnique[*].id')", KEYWORD_ARRAY)),
            Map.entry("params.threat.technique.subtechnique.name", new SqlField(
                    "jsonb_path_query_array(body, '$.threat[*].technique[*].subtechnique[*].name')", KEYWORD_ARRAY)));

    private RuleFilterFields() {
    }

    @Override
    public Optional<SqlField> resolve(String kqlFieldName) {
        if (!kqlFieldName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(FIELDS.get(kqlFieldName.substring(PREFIX.length())));
    }
}
