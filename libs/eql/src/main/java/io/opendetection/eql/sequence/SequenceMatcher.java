package io.opendetection.eql.sequence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins events into sequences, fed one event at a time in time order, as Elasticsearch's EQL does:
 * per join key, each stage holds at most one partial sequence (the latest); an event matching stage
 * {@code k} advances the partial sequence of stage {@code k-1} with the same key (stages are tried
 * last first, so one event never advances a sequence twice), and one matching the first stage
 * starts a new one. {@code maxspan} drops a partial sequence whose next event is too late;
 * an {@code until} event drops every partial sequence of its key. A fork stage (python EQL's
 * {@code fork=true}) continues the partial sequence it extends without taking it, so every later
 * event of that stage branches off it. Memory is bounded: more than
 * {@code maxPending} partial sequences at once is a {@link SequenceLimitException}.
 */
public final class SequenceMatcher {

    /** A completed sequence: its events, one per stage, and the join key they share. */
    public record Match(List<Object> key, List<SequenceEvent> events) {
    }

    private final int stages;
    private final Long maxspanMillis;
    private final int maxPending;
    private final int maxCompleted;
    private final boolean[] forks;
    // pending.get(k): key → the partial sequence whose last event matched stage k.
    private final List<Map<List<Object>, List<SequenceEvent>>> pending = new ArrayList<>();
    private final List<Match> completed = new ArrayList<>();
    private int pendingCount;

    public SequenceMatcher(int stages, Long maxspanMillis, int maxPending, int maxCompleted) {
        this(stages, maxspanMillis, maxPending, maxCompleted, new boolean[stages]);
    }

    /** {@code forks[k]}: stage k branches off the partial sequence it extends instead of taking it. */
    public SequenceMatcher(int stages, Long maxspanMillis, int maxPending, int maxCompleted, boolean[] forks) {
        this.forks = forks.clone();
        this.stages = stages;
        this.maxspanMillis = maxspanMillis;
        this.maxPending = maxPending;
        this.maxCompleted = maxCompleted;
        for (int i = 0; i < stages - 1; i++) {
            pending.add(new HashMap<>());
        }
    }

    /**
     * Feeds one event; {@code keysByStage} holds, for each stage the event matches, its join key
     * there (stages it does not match are absent).
     */
    public void accept(SequenceEvent event, Map<Integer, List<Object>> keysByStage) {
        List<Integer> matched = new ArrayList<>(keysByStage.keySet());
        matched.sort(Collections.reverseOrder());
        for (int stage : matched) {
            List<Object> key = keysByStage.get(stage);
            if (stage == 0) {
                if (stages == 1) {
                    complete(key, List.of(event));
                } else {
                    put(0, key, new ArrayList<>(List.of(event)));
                }
                continue;
            }
            List<SequenceEvent> partial = forks[stage] ? pending.get(stage - 1).get(key)
                    : pending.get(stage - 1).remove(key);
            if (partial == null) {
                continue;
            }
            if (!forks[stage]) {
                pendingCount--;
            }
            if (maxspanMillis != null && event.timestamp() - partial.get(0).timestamp() > maxspanMillis) {
                if (forks[stage] && pending.get(stage - 1).remove(key) != null) {
                    pendingCount--;
                }
                continue;
            }
            partial = forks[stage] ? new ArrayList<>(partial) : partial;
            partial.add(event);
            if (stage == stages - 1) {
                complete(key, partial);
            } else {
                put(stage, key, partial);
            }
        }
    }

    /** An {@code until} event: every partial sequence of this key ends here. */
    public void until(List<Object> key) {
        for (Map<List<Object>, List<SequenceEvent>> stage : pending) {
            if (stage.remove(key) != null) {
                pendingCount--;
            }
        }
    }

    public List<Match> completed() {
        return completed;
    }

    private void put(int stage, List<Object> key, List<SequenceEvent> partial) {
        if (pending.get(stage).put(key, partial) == null) {
            pendingCount++;
            if (pendingCount > maxPending) {
                throw new SequenceLimitException("The sequence query needs more than " + maxPending
                        + " partial sequences in memory; narrow it (join keys, maxspan, conditions) or raise the limit");
            }
        }
    }

    private void complete(List<Object> key, List<SequenceEvent> events) {
        completed.add(new Match(key, List.copyOf(events)));
        if (completed.size() > maxCompleted) {
            throw new SequenceLimitException("The sequence query completed more than " + maxCompleted
                    + " sequences; narrow it or raise the limit");
        }
    }
}
