package io.opendetection.eql.parse;

import java.util.List;

/** An EQL expression: a condition, an operand, or a join key. */
public sealed interface Expr permits Expr.Literal, Expr.Field, Expr.Not, Expr.And, Expr.Or, Expr.Compare,
        Expr.IsNull, Expr.Match, Expr.In, Expr.Arithmetic, Expr.Negate, Expr.Call, Expr.Lineage {

    /** A string, a {@link Long}, a {@link Double}, a {@link Boolean} or null. */
    record Literal(Object value) implements Expr {
    }

    /** A field of the event; {@code optional} for {@code ?field}, which may be absent from every index. */
    record Field(String name, boolean optional) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record Compare(CompareOp op, Expr left, Expr right) implements Expr {
    }

    /** {@code x == null} / {@code x != null} (and their {@code :} forms), as Elasticsearch rewrites them. */
    record IsNull(Expr operand, boolean negated) implements Expr {
    }

    /** {@code :} (case-insensitive, {@code *}/{@code ?} wildcards), {@code like}, {@code regex} against one or more patterns. */
    record Match(MatchKind kind, boolean insensitive, boolean negated, Expr value, List<Expr> patterns) implements Expr {
        public Match {
            patterns = List.copyOf(patterns);
        }
    }

    record In(Expr value, List<Expr> candidates, boolean insensitive, boolean negated) implements Expr {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    record Arithmetic(ArithmeticOp op, Expr left, Expr right) implements Expr {
    }

    record Negate(Expr operand) implements Expr {
    }

    /** A function call; {@code insensitive} for the {@code name~(...)} form. */
    record Call(String name, boolean insensitive, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /**
     * python EQL's process lineage: {@code descendant of [q]}, {@code child of [q]}, {@code event of [q]}
     * hold for an event whose process descends from, is a child of, or is a process for which an
     * earlier event matched {@code q}.
     */
    record Lineage(LineageKind kind, EqlQuery.EventQuery query) implements Expr {
    }

    enum LineageKind {
        DESCENDANT, CHILD, EVENT
    }

    enum CompareOp {
        EQ, NEQ, LT, LTE, GT, GTE;

        /** The comparison that holds exactly when this one does not (for non-null operands). */
        public CompareOp negate() {
            return switch (this) {
                case EQ -> NEQ;
                case NEQ -> EQ;
                case LT -> GTE;
                case LTE -> GT;
                case GT -> LTE;
                case GTE -> LT;
            };
        }

        /** The comparison with its operands swapped. */
        public CompareOp flip() {
            return switch (this) {
                case LT -> GT;
                case LTE -> GTE;
                case GT -> LT;
                case GTE -> LTE;
                default -> this;
            };
        }
    }

    enum MatchKind {
        SEQ, LIKE, REGEX
    }

    enum ArithmeticOp {
        ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO
    }
}
