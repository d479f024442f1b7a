package io.opendetection.eql.sample;

import io.opendetection.eql.sequence.SequenceEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples ({@code sample by k [A] [B] ...}): for each join key, one event per filter, in any time
 * order, each event used once; the earliest candidates are taken. Per key it keeps, for each filter,
 * only as many candidates as there are filters (enough to pick distinct events), so memory grows
 * with the number of keys, which is bounded by {@code maxKeys}.
 */
public final class SampleMatcher {

    public record Sample(List<Object> key, List<SequenceEvent> events) {
    }

    private final int filters;
    private final int maxKeys;
    private final Map<List<Object>, List<List<SequenceEvent>>> candidates = new LinkedHashMap<>();

    public SampleMatcher(int filters, int maxKeys) {
        this.filters = filters;
        this.maxKeys = maxKeys;
    }

    public void accept(SequenceEvent event, Map<Integer, List<Object>> keysByFilter) {
        keysByFilter.forEach((filter, key) -> {
            if (key.contains(null)) {
                return;
            }
            List<List<SequenceEvent>> perFilter = candidates.computeIfAbsent(key, k -> {
                List<List<SequenceEvent>> lists = new ArrayList<>();
                for (int i = 0; i < filters; i++) {
                    lists.add(new ArrayList<>());
                }
                return lists;
            });
            if (candidates.size() > maxKeys) {
                throw new io.opendetection.eql.sequence.SequenceLimitException("The sample query has more than "
                        + maxKeys + " join keys; narrow it or raise the limit");
            }
            List<SequenceEvent> list = perFilter.get(filter);
            if (list.size() < filters) {
                list.add(event);
            }
        });
    }

    /** The samples, one per key that every filter matched with distinct events, ordered by key. */
    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        candidates.forEach((key, perFilter) -> {
            Set<Long> used = new HashSet<>();
            List<SequenceEvent> picked = new ArrayList<>();
            for (List<SequenceEvent> list : perFilter) {
                list.stream().filter(e -> !used.contains(e.ordinal())).findFirst().ifPresent(e -> {
                    used.add(e.ordinal());
                    picked.add(e);
                });
            }
            if (picked.size() == filters) {
                samples.add(new Sample(key, picked));
            }
        });
        samples.sort((a, b) -> compareKeys(a.key(), b.key()));
        return samples;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int order = x.getClass() == y.getClass() && x instanceof Comparable c ? c.compareTo(y)
                    : String.valueOf(x).compareTo(String.valueOf(y));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
