package io.opendetection.eql.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.eql.evaluate.Evaluator;
import io.opendetection.eql.parse.EqlParser;
import io.opendetection.eql.parse.EqlQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Events are their sources; a count goes on a copy. */
    private static final Pipes.Results<JsonNode> SOURCES = new Pipes.Results<>() {
        @Override
        public JsonNode source(JsonNode event) {
            return event;
        }

        @Override
        public JsonNode withCount(JsonNode event, long count, double percent) {
            return ((ObjectNode) event.deepCopy()).put("count", count).put("percent", percent);
        }

        @Override
        public JsonNode summary(ObjectNode summary) {
            return summary;
        }
    };

    private static final List<JsonNode> EVENTS = List.of(
            event("{\"id\": 1, \"name\": \"A.exe\", \"n\": 2}"),
            event("{\"id\": 2, \"name\": \"b.exe\"}"),
            event("{\"id\": 3, \"name\": \"a.EXE\", \"n\": 1}"),
            event("{\"id\": 4, \"name\": \"c.exe\", \"n\": 2.0}"));

    private static JsonNode event(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> run(String pipes) {
        EqlQuery query = EqlParser.parse("any where true " + pipes);
        return new Pipes<>(Evaluator.DEFAULT, SOURCES).apply(EVENTS, query.pipes());
    }

    private static List<Long> ids(List<JsonNode> events) {
        return events.stream().map(event -> event.path("id").asLong()).toList();
    }

    @Test
    void uniqueKeepsTheFirstOfEachKeyIgnoringCase() {
        assertEquals(List.of(1L, 2L, 4L), ids(run("| unique name")));
        // 2 and 2.0 are one key; a missing value is a key of its own.
        assertEquals(List.of(1L, 2L, 3L), ids(run("| unique n")));
        assertEquals(List.of(1L, 2L), ids(run("| unique name, n | head 2")));
        assertEquals(List.of(1L), ids(run("| unique length(name)")));
    }

    @Test
    void sortIsStableWithNullsFirst() {
        assertEquals(List.of(2L, 3L, 1L, 4L), ids(run("| sort n")));
        assertEquals(List.of(1L, 3L, 2L, 4L), ids(run("| sort name")));
        assertEquals(List.of(1L, 4L), ids(run("| sort n name | tail 2")));
    }

    @Test
    void uniqueCountAndCount() {
        List<JsonNode> counted = run("| unique_count name | filter count : 2");
        assertEquals(List.of(1L), ids(counted));
        assertEquals(0.5, counted.get(0).path("percent").asDouble());
        List<JsonNode> counts = run("| count name");
        assertEquals(List.of("b.exe", "c.exe", "A.exe"), counts.stream().map(c -> c.path("key").asText()).toList());
        assertEquals(List.of(1L, 1L, 2L), counts.stream().map(c -> c.path("count").asLong()).toList());
        assertEquals("{\"key\":\"totals\",\"count\":4}", run("| count").get(0).toString());
    }
}
