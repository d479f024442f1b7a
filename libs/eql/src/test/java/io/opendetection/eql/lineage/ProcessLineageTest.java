package io.opendetection.eql.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.eql.StringCase;
import io.opendetection.eql.evaluate.Evaluator;
import io.opendetection.eql.parse.EqlParser;
import io.opendetection.eql.parse.EqlQuery;
import io.opendetection.eql.parse.Expr;
import io.opendetection.eql.sequence.SequenceLimitException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessLineageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // cmd (1) starts python (2), which starts smss (3), which writes a file; cmd then ends.
    private static final List<String> EVENTS = List.of(
            "{\"id\": 1, \"type\": \"process\", \"opcode\": 1, \"pid\": 10, \"unique_pid\": 1, \"unique_ppid\": 0, \"name\": \"cmd.exe\"}",
            "{\"id\": 2, \"type\": \"process\", \"opcode\": 1, \"pid\": 11, \"unique_pid\": 2, \"unique_ppid\": 1, \"name\": \"python.exe\"}",
            "{\"id\": 3, \"type\": \"process\", \"opcode\": 1, \"pid\": 12, \"unique_pid\": 3, \"unique_ppid\": 2, \"name\": \"smss.exe\"}",
            "{\"id\": 4, \"type\": \"file\", \"opcode\": 0, \"pid\": 12, \"unique_pid\": 3, \"name\": \"out.txt\"}",
            "{\"id\": 5, \"type\": \"process\", \"opcode\": 2, \"pid\": 10, \"unique_pid\": 1, \"unique_ppid\": 0, \"name\": \"cmd.exe\"}",
            "{\"id\": 6, \"type\": \"process\", \"opcode\": 1, \"pid\": 13, \"unique_pid\": 4, \"unique_ppid\": 1, \"name\": \"late.exe\"}");

    /** The ids of the events the query keeps, each event fed to the lineage first, as the engine does. */
    private static List<Long> run(String query, int limit) {
        Expr condition = ((EqlQuery.EventSearch) EqlParser.parse(query)).query().condition();
        ProcessLineage lineage = new ProcessLineage(condition, limit);
        Evaluator evaluator = new Evaluator(StringCase.DEFAULT, lineage);
        List<EqlQuery.EventQuery> queries = lineage.queries();
        List<Long> kept = new ArrayList<>();
        for (String json : EVENTS) {
            JsonNode event = read(json);
            String type = event.path("type").asText();
            lineage.accept(event, type.equals("process"), i -> matches(queries.get(i), event, evaluator));
            if (type.equals("process") && evaluator.isTrue(condition, event)) {
                kept.add(event.path("id").asLong());
            }
        }
        return kept;
    }

    private static boolean matches(EqlQuery.EventQuery query, JsonNode event, Evaluator evaluator) {
        return (query.category() == null || query.category().equals(event.path("type").asText()))
                && evaluator.isTrue(query.condition(), event);
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void descendantsChildrenAndEventsOfAProcess() {
        assertEquals(List.of(2L, 3L), run("process where descendant of [process where name == \"cmd.exe\"]", 100));
        assertEquals(List.of(2L), run("process where child of [process where name == \"cmd.exe\"]", 100));
        assertEquals(List.of(3L), run("process where child of [process where child of [process where name == \"cmd.exe\"]]", 100));
        // The process of a matching event, from that event on; a terminated one is forgotten at the next process event.
        assertEquals(List.of(), run("process where event of [file where true]", 100));
        assertEquals(List.of(2L), run("process where event of [process where name == \"python.exe\"]", 100));
        assertEquals(List.of(1L, 5L), run("process where event of [process where name == \"cmd.exe\"]", 100));
    }

    @Test
    void memoryIsBounded() {
        assertThrows(SequenceLimitException.class,
                () -> run("process where descendant of [process where name == \"cmd.exe\"]", 1));
    }
}
