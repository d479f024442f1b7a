package io.opendetection.eql.parse;

import java.util.List;

/**
 * A parsed EQL query: an event query, a sequence, a sample or a (legacy, python EQL) join,
 * followed by its pipes.
 */
public sealed interface EqlQuery permits EqlQuery.EventSearch, EqlQuery.Sequence, EqlQuery.Sample, EqlQuery.Join {

    List<Pipe> pipes();

    /** {@code <category> where <condition>}; a null category is {@code any}. */
    record EventQuery(String category, Expr condition) {
    }

    /**
     * One bracketed query of a sequence or a sample, with its own join keys; {@code missing} for
     * {@code ![...]} (no such event may occur there); {@code runs} repeats it; {@code fork}
     * (python EQL's {@code fork=true}) lets one partial sequence continue with every later event
     * of this step instead of only the first.
     */
    record Step(EventQuery query, List<Expr> keys, boolean missing, int runs, boolean fork) {
        public Step {
            keys = List.copyOf(keys);
        }
    }

    record EventSearch(EventQuery query, List<Pipe> pipes) implements EqlQuery {
        public EventSearch {
            pipes = List.copyOf(pipes);
        }
    }

    /** {@code maxspanMillis} is null without {@code with maxspan}; {@code until} is null without it. */
    record Sequence(List<Expr> keys, Long maxspanMillis, List<Step> steps, Step until, List<Pipe> pipes)
            implements EqlQuery {
        public Sequence {
            keys = List.copyOf(keys);
            steps = List.copyOf(steps);
            pipes = List.copyOf(pipes);
        }
    }

    record Sample(List<Expr> keys, List<Step> steps, List<Pipe> pipes) implements EqlQuery {
        public Sample {
            keys = List.copyOf(keys);
            steps = List.copyOf(steps);
            pipes = List.copyOf(pipes);
        }
    }

    /**
     * {@code join [by keys] [q1] [q2] ... [until [q]]}: python EQL's unordered join, one event per
     * query sharing the join key, in any order; {@code until} is null without it.
     */
    record Join(List<Expr> keys, List<Step> steps, Step until, List<Pipe> pipes) implements EqlQuery {
        public Join {
            keys = List.copyOf(keys);
            steps = List.copyOf(steps);
            pipes = List.copyOf(pipes);
        }
    }

    sealed interface Pipe permits Head, Tail, Filter, Unique, Sort, UniqueCount, Count {
    }

    record Head(int count) implements Pipe {
    }

    record Tail(int count) implements Pipe {
    }

    /** {@code | filter <condition>}: keeps the results for which the condition holds. */
    record Filter(Expr condition) implements Pipe {
    }

    /** {@code | unique k1 k2}: the first result of each distinct (case-folded) key. */
    record Unique(List<Expr> keys) implements Pipe {
        public Unique {
            keys = List.copyOf(keys);
        }
    }

    /** {@code | sort k1 k2}: a stable sort by the (case-folded) keys, nulls first. */
    record Sort(List<Expr> keys) implements Pipe {
        public Sort {
            keys = List.copyOf(keys);
        }
    }

    /**
     * {@code | unique_count k1 k2}: the first result of each key, its first event given the fields
     * {@code count} and {@code percent} (of all results).
     */
    record UniqueCount(List<Expr> keys) implements Pipe {
        public UniqueCount {
            keys = List.copyOf(keys);
        }
    }

    /**
     * {@code | count [k1 k2]}: no events, one summary per key ({@code key}, {@code count},
     * {@code percent}, least frequent first), or {@code {"key": "totals", "count": n}} without keys.
     */
    record Count(List<Expr> keys) implements Pipe {
        public Count {
            keys = List.copyOf(keys);
        }
    }

    /** Whether the pipe passes on the query's events (count and unique_count make summaries or change them). */
    static boolean yieldsEvents(Pipe pipe) {
        return !(pipe instanceof Count) && !(pipe instanceof UniqueCount);
    }
}
