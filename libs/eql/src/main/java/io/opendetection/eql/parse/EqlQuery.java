package io.opendetection.eql.parse;

import java.util.List;

/** A parsed EQL query: an event query, a sequence or a sample, followed by its pipes. */
public sealed interface EqlQuery permits EqlQuery.EventSearch, EqlQuery.Sequence, EqlQuery.Sample {

    List<Pipe> pipes();

    /** {@code <category> where <condition>}; a null category is {@code any}. */
    record EventQuery(String category, Expr condition) {
    }

    /**
     * One bracketed query of a sequence or a sample, with its own join keys; {@code missing} for
     * {@code ![...]} (no such event may occur there); {@code runs} repeats it.
     */
    record Step(EventQuery query, List<Expr> keys, boolean missing, int runs) {
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

    sealed interface Pipe permits Head, Tail, Filter {
    }

    record Head(int count) implements Pipe {
    }

    record Tail(int count) implements Pipe {
    }

    /** {@code | filter <condition>}: keeps the results for which the condition holds. */
    record Filter(Expr condition) implements Pipe {
    }
}
