package io.opendetection.alerts.index.service;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertsMappingTest {
    private final AlertsMapping alerts = new AlertsMapping();

    @Test
    void isStrictAboutUnmappedFieldsAndCarriesTheAlertFields() {
        assertEquals(DynamicMapping.False, alerts.mapping().dynamic());
        Set<String> fields = MappingFields.of(alerts.mapping().properties());
        assertTrue(fields.containsAll(Set.of("@timestamp", "event.kind", "kibana.space_ids", "kibana.alert.uuid",
                "kibana.alert.workflow_status", "kibana.alert.rule.uuid", "kibana.alert.risk_score",
                "kibana.alert.ancestors.depth", "kibana.alert.suppression.docs_count", "kibana.version")), fields::toString);
        assertFalse(fields.contains("kibana.alert.ancestors"), "an object is not a field, its members are");
    }

    @Test
    void readsFieldPathsFromNestedObjectsAndMultiFields() {
        TypeMapping mapping = parse("""
                {"properties": {"kibana": {"properties": {"alert": {"properties": {
                  "uuid": {"type": "keyword"},
                  "reason": {"type": "keyword", "fields": {"text": {"type": "text"}}}}}}}}}""");
        assertEquals(Set.of("kibana.alert.uuid", "kibana.alert.reason", "kibana.alert.reason.text"),
                MappingFields.of(mapping.properties()));
    }

    @Test
    void anIndexLackingOneOfOurFieldsIsOutdated() {
        assertTrue(alerts.isOutdated(parse("""
                {"properties": {"@timestamp": {"type": "date"}}}""")));
        assertFalse(alerts.isOutdated(alerts.mapping()));
    }

    private static TypeMapping parse(String json) {
        return TypeMapping.of(builder -> builder.withJson(new StringReader(json)));
    }
}
