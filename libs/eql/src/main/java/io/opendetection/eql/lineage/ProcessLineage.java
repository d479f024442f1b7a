package io.opendetection.eql.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.eql.evaluate.Evaluator;
import io.opendetection.eql.evaluate.Sources;
import io.opendetection.eql.parse.EqlQuery;
import io.opendetection.eql.parse.Expr;
import io.opendetection.eql.sequence.SequenceLimitException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * python EQL's process lineage ({@code descendant of}, {@code child of}, {@code event of}) over
 * the Endgame schema it was defined on: a process is {@code unique_pid}, its parent
 * {@code unique_ppid}, and {@code opcode} says whether a process event creates (1, 3, 9) or
 * terminates (2, 4) it. Fed every event in time order, it remembers which processes an event of
 * each lineage's query came from, and which processes they created (children, and for
 * descendants their children in turn); a terminated process is forgotten at the next process
 * event. Each lineage first follows the process events, then, after any lineage nested in its
 * query, records the events of its query, as python EQL's engine orders its hooks.
 * Memory is bounded: more than {@code maxProcesses} remembered processes is a
 * {@link SequenceLimitException}.
 */
public final class ProcessLineage implements Evaluator.LineageState {

    static final String PID = "unique_pid";
    static final String PPID = "unique_ppid";
    static final String SUBTYPE = "opcode";
    private static final Set<Long> CREATES = Set.of(1L, 3L, 9L);
    private static final Set<Long> TERMINATES = Set.of(2L, 4L);

    /** One lineage of the query: the processes its query's events came from, and those they created. */
    private static final class Tracker {
        final Expr.Lineage node;
        final int index;
        final Set<Object> origins = new HashSet<>();
        final Set<Object> created = new HashSet<>();
        final Set<Object> dead = new HashSet<>();

        Tracker(Expr.Lineage node, int index) {
            this.node = node;
            this.index = index;
        }
    }

    /** A step of feeding one event: a tracker following process events, or one recording its query's events. */
    private record Hook(Tracker tracker, boolean follow) {
    }

    private final List<Tracker> trackers = new ArrayList<>();
    private final Map<Expr.Lineage, Tracker> byNode = new IdentityHashMap<>();
    private final List<Hook> hooks = new ArrayList<>();
    private final int maxProcesses;

    public ProcessLineage(Expr condition, int maxProcesses) {
        this.maxProcesses = maxProcesses;
        register(condition);
    }

    /** Whether the condition uses lineage (and so must be evaluated over every event in time order). */
    public static boolean uses(Expr condition) {
        return !new ProcessLineage(condition, 0).trackers.isEmpty();
    }

    private void register(Expr expr) {
        if (expr instanceof Expr.Lineage lineage) {
            Tracker tracker = new Tracker(lineage, trackers.size());
            trackers.add(tracker);
            byNode.put(lineage, tracker);
            hooks.add(new Hook(tracker, true));
            register(lineage.query().condition());
            hooks.add(new Hook(tracker, false));
        } else if (expr instanceof Expr.And and) {
            register(and.left());
            register(and.right());
        } else if (expr instanceof Expr.Or or) {
            register(or.left());
            register(or.right());
        } else if (expr instanceof Expr.Not not) {
            register(not.operand());
        } else if (expr instanceof Expr.Compare compare) {
            register(compare.left());
            register(compare.right());
        } else if (expr instanceof Expr.Match match) {
            register(match.value());
            match.patterns().forEach(this::register);
        } else if (expr instanceof Expr.In in) {
            register(in.value());
            in.candidates().forEach(this::register);
        } else if (expr instanceof Expr.IsNull isNull) {
            register(isNull.operand());
        } else if (expr instanceof Expr.Call call) {
            call.args().forEach(this::register);
        }
    }

    /** The lineages' queries, by index: the events the engine must also read, and test with {@link #accept}. */
    public List<EqlQuery.EventQuery> queries() {
        return trackers.stream().map(tracker -> tracker.node.query()).toList();
    }

    /**
     * Feeds one event: {@code process} when it is a process event, {@code matchesQuery} answering
     * whether it matches lineage query {@code i} (asked when its turn comes, so nested lineages are
     * up to date).
     */
    public void accept(JsonNode source, boolean process, IntPredicate matchesQuery) {
        for (Hook hook : hooks) {
            Tracker tracker = hook.tracker;
            if (hook.follow) {
                if (process) {
                    follow(tracker, source);
                }
            } else if (originates(source) && matchesQuery.test(tracker.index)) {
                remember(tracker.origins, read(source, PID));
            }
        }
    }

    private void follow(Tracker tracker, JsonNode source) {
        tracker.dead.forEach(pid -> {
            tracker.created.remove(pid);
            tracker.origins.remove(pid);
        });
        tracker.dead.clear();
        Object pid = read(source, PID);
        Object parent = read(source, PPID);
        Object subtype = read(source, SUBTYPE);
        boolean creates = subtype instanceof Long code && CREATES.contains(code);
        if (creates && Long.valueOf(4).equals(pid) && "System".equals(read(source, "process_name"))) {
            // The machine started again: every process before is gone.
            tracker.created.clear();
            tracker.origins.clear();
        }
        boolean fromOrigin = tracker.origins.contains(parent);
        boolean inherited = tracker.node.kind() == Expr.LineageKind.DESCENDANT && tracker.created.contains(parent);
        if (creates && tracker.node.kind() != Expr.LineageKind.EVENT && parent != null && (fromOrigin || inherited)) {
            remember(tracker.created, pid);
        } else if (subtype instanceof Long code && TERMINATES.contains(code) && pid != null) {
            tracker.dead.add(pid);
        }
    }

    /** python EQL records an event of a lineage's query only when it names a process (a non-zero pid). */
    private static boolean originates(JsonNode source) {
        Object pid = read(source, "pid");
        Object uniquePid = read(source, PID);
        return pid != null && !Long.valueOf(0).equals(pid) && uniquePid != null
                && !Long.valueOf(0).equals(uniquePid) && !"".equals(uniquePid);
    }

    private void remember(Set<Object> processes, Object pid) {
        if (pid == null) {
            return;
        }
        processes.add(pid);
        long held = trackers.stream().mapToLong(tracker -> tracker.origins.size() + tracker.created.size()).sum();
        if (held > maxProcesses) {
            throw new SequenceLimitException("The query's process lineage needs more than " + maxProcesses
                    + " processes in memory; narrow it or raise the limit");
        }
    }

    @Override
    public boolean holds(Expr.Lineage lineage, JsonNode source) {
        Tracker tracker = byNode.get(lineage);
        Object pid = read(source, PID);
        if (tracker == null || pid == null) {
            return false;
        }
        return tracker.node.kind() == Expr.LineageKind.EVENT ? tracker.origins.contains(pid)
                : tracker.created.contains(pid);
    }

    /** One value, whole numbers as longs so that 2 and 2.0 are one process. */
    private static Object read(JsonNode source, String field) {
        Object value = Sources.read(source, field);
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.get(0);
        }
        if (value instanceof Double number && number == Math.rint(number)) {
            return number.longValue();
        }
        return value;
    }
}
