package io.opendetection.eql.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceMatcherTest {

    private static SequenceEvent event(long ordinal, long timestamp) {
        return new SequenceEvent(ordinal, timestamp, null);
    }

    private static List<List<Long>> ordinals(SequenceMatcher matcher) {
        return matcher.completed().stream()
                .map(match -> match.events().stream().map(SequenceEvent::ordinal).toList()).toList();
    }

    @Test
    void theLatestPartialSequenceOfAKeyAdvances() {
        // [a] [b] [c] where every event matches every stage, as Elasticsearch's sequenceConditionManyMany.
        SequenceMatcher matcher = new SequenceMatcher(3, null, 100, 100);
        List<Object> key = List.of();
        for (long i = 1; i <= 5; i++) {
            Map<Integer, List<Object>> stages = i <= 3 ? Map.of(0, key, 1, key, 2, key) : Map.of(1, key, 2, key);
            matcher.accept(event(i, i), stages);
        }
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(2L, 3L, 4L), List.of(3L, 4L, 5L)), ordinals(matcher));
    }

    @Test
    void keysMaxspanAndUntil() {
        SequenceMatcher matcher = new SequenceMatcher(2, 10L, 100, 100);
        matcher.accept(event(1, 0), Map.of(0, List.of("a")));
        matcher.accept(event(2, 1), Map.of(0, List.of("b")));
        matcher.accept(event(3, 5), Map.of(1, List.of("b")));
        matcher.accept(event(4, 20), Map.of(1, List.of("a")));
        matcher.accept(event(5, 21), Map.of(0, List.of("c")));
        matcher.until(List.of("c"));
        matcher.accept(event(6, 22), Map.of(1, List.of("c")));
        assertEquals(List.of(List.of(2L, 3L)), ordinals(matcher));
    }

    @Test
    void stateIsBounded() {
        SequenceMatcher matcher = new SequenceMatcher(2, null, 2, 100);
        matcher.accept(event(1, 0), Map.of(0, List.of("a")));
        matcher.accept(event(2, 0), Map.of(0, List.of("b")));
        assertThrows(SequenceLimitException.class, () -> matcher.accept(event(3, 0), Map.of(0, List.of("c"))));
    }

    @Test
    void aForkStageBranchesOffThePartialSequenceItExtends() {
        SequenceMatcher matcher = new SequenceMatcher(3, null, 100, 100, new boolean[] {false, true, false});
        List<Object> key = List.of("a");
        matcher.accept(event(1, 1), Map.of(0, key));
        matcher.accept(event(2, 2), Map.of(1, key));
        matcher.accept(event(3, 3), Map.of(2, key));
        matcher.accept(event(4, 4), Map.of(1, key));
        matcher.accept(event(5, 5), Map.of(2, key));
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(1L, 4L, 5L)), ordinals(matcher));
    }
}
