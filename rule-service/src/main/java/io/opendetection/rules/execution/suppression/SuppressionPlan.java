package io.opendetection.rules.execution.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.rules.execution.alerts.AlertIds;
import io.opendetection.rules.execution.alerts.Paths;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * What suppression makes of one batch of an execution's alert candidates (ENGINE.md §9, Kibana's
 * {@code suppressAlertsInMemory} and {@code alertWithSuppression}): candidates are grouped by
 * their source's values of the group-by fields, oldest event first; a group with an open alert
 * (in the time-window form, or created earlier in the same execution) becomes an update of that
 * alert; any other group becomes one new alert, its oldest candidate, carrying
 * {@code kibana.alert.suppression.*}. New alerts stop at the execution's max_signals. An EQL
 * sequence is a candidate by its shell alert; its building blocks are published with the shell
 * when it becomes a new alert, and dropped with it when it is suppressed.
 *
 * @param created    the new alerts, ready to publish
 * @param updates    changes to open groups' alerts, absolute values
 * @param opened     the groups of the new alerts
 * @param extended   the open groups after their updates
 * @param suppressed the candidates that became no alert of their own
 * @param truncated  whether groups were left without an alert because max_signals was reached
 */
public record SuppressionPlan(List<ObjectNode> created, List<Update> updates, List<OpenGroup> opened,
                              List<OpenGroup> extended, long suppressed, boolean truncated) {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final String TERMS = "kibana.alert.suppression.terms";
    public static final String START = "kibana.alert.suppression.start";
    public static final String END = "kibana.alert.suppression.end";
    public static final String DOCS_COUNT = "kibana.alert.suppression.docs_count";
    public static final String INSTANCE_ID = "kibana.alert.instance.id";
    private static final String LAST_DETECTED = "kibana.alert.last_detected";
    private static final String GROUP_ID = "kibana.alert.group.id";
    private static final String GROUP_INDEX = "kibana.alert.group.index";

    /** The fields to set on an existing alert ({@code ALERT_SUPPRESSION_UPDATED}). */
    public record Update(String alertId, ObjectNode fields) {
    }

    /**
     * Where an execution stands when a batch of its candidates arrives.
     *
     * @param now           the execution's time: an open group's alert counts until its {@code openUntil}
     * @param newAlertsLeft how many more alerts the execution may create
     * @param openUntil     until when a group whose alert is created now stays open
     * @param open          the rule's open groups by instance id
     */
    public record Execution(String space, String ruleId, String executionId, Instant now, int newAlertsLeft,
                            Instant openUntil, Map<String, OpenGroup> open) {
    }

    /** @param blocks an EQL shell's building blocks (published only with a new alert); none otherwise */
    private record Candidate(ObjectNode alert, List<ObjectNode> blocks, ArrayNode terms, String instanceId,
                             Instant start, Instant end) {
    }

    private static final class Group {
        final List<Candidate> members = new ArrayList<>();
        Instant start;
        Instant end;

        void add(Candidate candidate) {
            members.add(candidate);
            start = start == null || candidate.start().isBefore(start) ? candidate.start() : start;
            end = end == null || candidate.end().isAfter(end) ? candidate.end() : end;
        }
    }

    public static SuppressionPlan of(Suppression suppression, Execution execution, List<ObjectNode> candidates) {
        Map<String, List<ObjectNode>> blocksOf = new LinkedHashMap<>();
        for (ObjectNode alert : candidates) {
            if (alert.has(GROUP_INDEX)) {
                blocksOf.computeIfAbsent(alert.get(GROUP_ID).asText(), id -> new ArrayList<>()).add(alert);
            }
        }
        List<ObjectNode> unsuppressed = new ArrayList<>();
        List<Candidate> suppressible = new ArrayList<>();
        for (ObjectNode alert : candidates) {
            if (alert.has(GROUP_INDEX)) {
                continue; // building blocks go with their shell
            }
            // An EQL shell is suppressed by its own (common) fields, and spans its sequence's events.
            List<ObjectNode> blocks = alert.has(GROUP_ID)
                    ? blocksOf.getOrDefault(alert.get(GROUP_ID).asText(), List.of()) : List.of();
            ArrayNode terms = terms(suppression, alert);
            if (!suppression.suppressMissing() && anyMissing(terms)) {
                unsuppressed.addAll(blocks);
                unsuppressed.add(alert);
                continue;
            }
            Instant end = time(alert, "kibana.alert.original_time", execution.now());
            // A threshold alert stands for its bucket's events since the first of them.
            Instant start = time(alert, "kibana.alert.threshold_result.from", end);
            if (!blocks.isEmpty()) {
                List<Instant> times = blocks.stream()
                        .map(block -> time(block, "kibana.alert.original_time", execution.now())).sorted().toList();
                start = times.get(0);
                end = times.get(times.size() - 1);
            }
            String instanceId = instanceId(terms, execution.space(), execution.ruleId());
            OpenGroup open = execution.open().get(instanceId);
            // Kibana's "already suppressed": an event no newer than what an alert of an earlier
            // execution already counts (an overlapping look-back sees it again) is left out.
            if (open != null && !open.executionId().equals(execution.executionId()) && !end.isAfter(open.end())) {
                continue;
            }
            suppressible.add(new Candidate(alert, blocks, terms, instanceId, start, end));
        }
        suppressible.sort(Comparator.comparing(Candidate::start));
        Map<String, Group> groups = new LinkedHashMap<>();
        suppressible.forEach(candidate -> groups.computeIfAbsent(candidate.instanceId(), id -> new Group()).add(candidate));

        List<ObjectNode> created = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        List<OpenGroup> opened = new ArrayList<>();
        List<OpenGroup> extended = new ArrayList<>();
        long suppressed = 0;
        int createdCount = keepUnsuppressed(unsuppressed, execution.newAlertsLeft(), created);
        boolean truncated = createdCount < countable(unsuppressed);
        for (Map.Entry<String, Group> entry : groups.entrySet()) {
            Group group = entry.getValue();
            OpenGroup open = execution.open().get(entry.getKey());
            boolean merge = open != null && (!suppression.perExecution()
                    || open.executionId().equals(execution.executionId()));
            if (merge) {
                OpenGroup after = extend(open, group, execution);
                updates.add(new Update(open.alertId(), updateFields(open, after, execution.now())));
                extended.add(after);
                suppressed += group.members.size();
            } else if (createdCount >= execution.newAlertsLeft()) {
                truncated = true;
            } else {
                ObjectNode alert = alert(group, execution);
                for (ObjectNode block : group.members.get(0).blocks()) {
                    created.add(block.deepCopy().put(GROUP_ID, alert.get("kibana.alert.uuid").asText()));
                }
                created.add(alert);
                createdCount++;
                opened.add(new OpenGroup(entry.getKey(), alert.get("kibana.alert.uuid").asText(), group.start,
                        group.end, group.members.size() - 1L, execution.executionId(), execution.openUntil()));
                suppressed += group.members.size() - 1L;
            }
        }
        return new SuppressionPlan(created, updates, opened, extended, suppressed, truncated);
    }

    /** The groups these candidates fall in (those that may be suppressed), by instance id. */
    public static Set<String> instanceIds(Suppression suppression, String space, String ruleId,
                                          List<ObjectNode> candidates) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode alert : candidates) {
            if (!alert.has(GROUP_INDEX)) {
                ids.add(instanceId(terms(suppression, alert), space, ruleId));
            }
        }
        return ids;
    }

    /** {@code kibana.alert.instance.id}: objectHash([terms, rule id, space]). */
    private static String instanceId(ArrayNode terms, String space, String ruleId) {
        return AlertIds.objectHash(terms, TextNode.valueOf(ruleId), TextNode.valueOf(space));
    }

    /**
     * The group-by fields' values in the candidate's source, as {@code [{field, value}]}: an array
     * sorted, a missing field null. An {@code event.*} field is read from the source event as kept
     * in {@code kibana.alert.original_event.*} (the alert's own {@code event.kind} is {@code signal}).
     */
    static ArrayNode terms(Suppression suppression, ObjectNode alert) {
        ArrayNode terms = JSON.arrayNode();
        for (String field : suppression.groupBy()) {
            JsonNode value = field.startsWith("event.")
                    ? Paths.raw(alert, "kibana.alert.original_event." + field.substring("event.".length()))
                    : Paths.raw(alert, field);
            if (value.isMissingNode()) {
                value = Paths.raw(alert, field);
            }
            if (value.isArray()) {
                ArrayNode sorted = JSON.arrayNode();
                StreamSupport.stream(value.spliterator(), false)
                        .sorted(Comparator.comparing(JsonNode::asText)).forEach(sorted::add);
                value = sorted;
            }
            terms.addObject().put("field", field).set("value", value.isMissingNode() ? JSON.nullNode() : value);
        }
        return terms;
    }

    private static boolean anyMissing(ArrayNode terms) {
        for (JsonNode term : terms) {
            JsonNode value = term.get("value");
            if (value.isNull() || (value.isArray() && value.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Alerts that are not suppressed, within the capacity; an EQL shell counts as one alert and its
     * building blocks go with it. Answers how many were counted.
     */
    private static int keepUnsuppressed(List<ObjectNode> unsuppressed, int capacity, List<ObjectNode> created) {
        Set<String> kept = new HashSet<>();
        int counted = 0;
        for (ObjectNode alert : unsuppressed) {
            if (!alert.has(GROUP_INDEX) && counted < capacity) {
                counted++;
                kept.add(alert.has(GROUP_ID) ? alert.get(GROUP_ID).asText() : alert.get("kibana.alert.uuid").asText());
            }
        }
        for (ObjectNode alert : unsuppressed) {
            if (kept.contains(alert.has(GROUP_ID) ? alert.get(GROUP_ID).asText() : alert.get("kibana.alert.uuid").asText())) {
                created.add(alert);
            }
        }
        return counted;
    }

    private static int countable(List<ObjectNode> alerts) {
        return (int) alerts.stream().filter(alert -> !alert.has(GROUP_INDEX)).count();
    }

    /** The group's new alert: its oldest candidate, under the suppressed alert's id, with the suppression fields. */
    private static ObjectNode alert(Group group, Execution execution) {
        Candidate first = group.members.get(0);
        ObjectNode alert = first.alert().deepCopy();
        String start = Timestamps.of(group.start);
        String end = Timestamps.of(group.end);
        String id = AlertIds.objectHash(first.alert().get("kibana.alert.uuid"),
                TextNode.valueOf(execution.space() + ":" + execution.ruleId()), first.terms(),
                TextNode.valueOf(start), TextNode.valueOf(end));
        alert.put("kibana.alert.uuid", id);
        if (alert.has(GROUP_ID)) {
            alert.put(GROUP_ID, id);
        }
        alert.set(TERMS, first.terms());
        alert.put(START, start);
        alert.put(END, end);
        alert.put(DOCS_COUNT, group.members.size() - 1L);
        alert.put(INSTANCE_ID, first.instanceId());
        return alert;
    }

    /**
     * The open group after merging: every candidate counts (Kibana: existing + new docs_count + 1
     * per merged alert); the end moves forward only; the start moves back only within the
     * execution that created the alert.
     */
    private static OpenGroup extend(OpenGroup open, Group group, Execution execution) {
        Instant end = group.end.isAfter(open.end()) ? group.end : open.end();
        Instant start = open.executionId().equals(execution.executionId()) && group.start.isBefore(open.start())
                ? group.start : open.start();
        return new OpenGroup(open.instanceId(), open.alertId(), start, end, open.docsCount() + group.members.size(),
                open.executionId(), open.openUntil());
    }

    private static ObjectNode updateFields(OpenGroup before, OpenGroup after, Instant now) {
        ObjectNode fields = JSON.objectNode();
        fields.put(DOCS_COUNT, after.docsCount());
        if (!after.end().equals(before.end())) {
            fields.put(END, Timestamps.of(after.end()));
        }
        if (!after.start().equals(before.start())) {
            fields.put(START, Timestamps.of(after.start()));
        }
        fields.put(LAST_DETECTED, Timestamps.of(now));
        return fields;
    }

    private static Instant time(ObjectNode alert, String field, Instant fallback) {
        JsonNode value = Paths.value(alert, field);
        if (!value.isTextual()) {
            return fallback;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException again) {
                return fallback;
            }
        }
    }
}
