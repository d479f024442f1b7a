package io.opendetection.rules.execution.eql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.alerts.AlertBuilder;
import io.opendetection.rules.execution.alerts.AlertIds;
import io.opendetection.rules.execution.alerts.SourceEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The alerts of one EQL sequence as Kibana builds them ({@code build_alert_group_from_sequence.ts},
 * ENGINE.md §4): a building-block alert per event and a shell alert grouping them. Building-block
 * ids hash every block's ancestors and rule (Kibana's {@code generateBuildingBlockIds}); the shell
 * has the blocks as ancestors, its id hashes them ({@code generateAlertId}), and its fields are
 * what all the events have in common.
 */
final class SequenceAlerts {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SequenceAlerts() {
    }

    /** The building blocks then the shell; the events of missing steps (nulls) have no alert. */
    static List<ObjectNode> of(RunContext run, List<JsonNode> hits, Instant intendedTimestamp) {
        List<SourceEvent> events = hits.stream().filter(hit -> hit != null).map(SourceEvent::of).toList();
        List<ObjectNode> blocks = new ArrayList<>();
        for (SourceEvent event : events) {
            blocks.add(AlertBuilder.build(run, "", event, event.source(), intendedTimestamp));
        }
        StringBuilder base = new StringBuilder();
        for (ObjectNode block : blocks) {
            block.path("kibana.alert.ancestors")
                    .forEach(ancestor -> base.append(ancestor.path("id").asText()).append(ancestor.path("index").asText()));
            base.append(run.ruleId());
        }
        ArrayNode shellAncestors = JSON.arrayNode();
        for (int i = 0; i < blocks.size(); i++) {
            ObjectNode block = blocks.get(i);
            String id = AlertIds.sha256(base.toString() + i);
            block.put("kibana.alert.uuid", id);
            block.path("kibana.alert.ancestors").forEach(shellAncestors::add);
            ObjectNode self = shellAncestors.addObject();
            self.put("id", id);
            self.put("type", "signal");
            self.put("index", "");
            self.put("depth", block.path("kibana.alert.depth").asInt(1));
            self.put("rule", run.ruleId());
        }
        StringBuilder shellHash = new StringBuilder();
        shellAncestors.forEach(ancestor -> shellHash.append(ancestor.path("id").asText())
                .append(ancestor.path("index").asText()));
        String shellId = AlertIds.sha256(shellHash.append(run.ruleId()).toString());

        ObjectNode common = intersection(events.stream().map(SourceEvent::source).toList());
        ObjectNode shell = AlertBuilder.build(run, shellId, null, common, intendedTimestamp);
        shell.set("kibana.alert.ancestors", shellAncestors);
        int depth = 0;
        for (JsonNode ancestor : shellAncestors) {
            depth = Math.max(depth, ancestor.path("depth").asInt());
        }
        shell.put("kibana.alert.depth", depth + 1);
        shell.put("kibana.alert.group.id", shellId);
        for (int i = 0; i < blocks.size(); i++) {
            ObjectNode block = blocks.get(i);
            block.put("kibana.alert.building_block_type", "default");
            block.put("kibana.alert.group.id", shellId);
            block.put("kibana.alert.group.index", i);
        }
        List<ObjectNode> alerts = new ArrayList<>(blocks);
        alerts.add(shell);
        return alerts;
    }

    /** Kibana's {@code objectArrayIntersection}: the fields every event has with the same value. */
    static ObjectNode intersection(List<ObjectNode> sources) {
        if (sources.isEmpty()) {
            return JSON.objectNode();
        }
        ObjectNode common = sources.get(0).deepCopy();
        for (int i = 1; i < sources.size(); i++) {
            common = intersect(common, sources.get(i));
        }
        return common;
    }

    private static ObjectNode intersect(ObjectNode a, ObjectNode b) {
        ObjectNode result = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode other = b.get(field.getKey());
            if (other == null) {
                continue;
            }
            JsonNode mine = field.getValue();
            if (mine.isObject() && other.isObject()) {
                ObjectNode nested = intersect((ObjectNode) mine, (ObjectNode) other);
                if (!nested.isEmpty()) {
                    result.set(field.getKey(), nested);
                }
            } else if (mine.equals(other)) {
                result.set(field.getKey(), mine);
            } else if (mine.isArray() || other.isArray()) {
                ArrayNode shared = JSON.arrayNode();
                List<JsonNode> theirs = new ArrayList<>();
                (other.isArray() ? other : JSON.arrayNode().add(other)).forEach(theirs::add);
                (mine.isArray() ? mine : JSON.arrayNode().add(mine)).forEach(value -> {
                    if (theirs.contains(value) && !contains(shared, value)) {
                        shared.add(value);
                    }
                });
                result.set(field.getKey(), shared);
            }
        }
        return result;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
