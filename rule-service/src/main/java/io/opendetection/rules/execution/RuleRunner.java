package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.RuleExecutionEvent;
import io.opendetection.eql.parse.EqlSyntaxException;
import io.opendetection.eql.sequence.SequenceLimitException;
import io.opendetection.kql.KqlSyntaxException;
import io.opendetection.rules.execution.exceptions.ExceptionFilter;
import io.opendetection.rules.execution.exceptions.RuleExceptionItems;
import io.opendetection.rules.execution.exceptions.ValueLists;
import io.opendetection.rules.execution.privileges.ReadableIndices;
import io.opendetection.rules.execution.scheduler.DateMath;
import io.opendetection.rules.execution.scheduler.Intervals;
import io.opendetection.rules.execution.scheduler.RangeTuples;
import io.opendetection.rules.execution.scheduler.RangeTuples.Plan;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.opendetection.rules.execution.search.Elasticsearch;
import io.opendetection.rules.execution.search.RuleQueries;
import io.opendetection.rules.execution.search.SearchFailure;
import io.opendetection.rules.execution.state.ExecutionStates;
import io.opendetection.rules.execution.state.LastExecution;
import io.opendetection.rules.execution.suppression.Suppression;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One execution of one rule (ENGINE.md §2): mark it running, work out its windows (with
 * catch-up), check its indices against its last editor's read privileges, then for existence and
 * the timestamp field, build its exception filter, run the rule
 * type over each window oldest first, and record the outcome with Kibana's status and message.
 * The windows count as done only when every alert was acknowledged; a failure of Elasticsearch or
 * Kafka leaves them to the next execution's catch-up (and to gap refill beyond it).
 */
@ApplicationScoped
public class RuleRunner {
    private static final Logger LOG = Logger.getLogger(RuleRunner.class);
    public static final String SCHEDULED = "scheduled";
    public static final String MANUAL = "manual";
    static final String EQL_NOT_EXECUTED = "EQL rules are not executed by this engine yet: the rule did not run.";
    static final String GAP_REASON = "rule_did_not_run";

    @ConfigProperty(name = "detection.executor.max-alerts-per-run")
    int maxAlertsPerRun;

    @Inject
    ExecutionStates states;

    @Inject
    RuleExceptionItems exceptionItems;

    @Inject
    ValueLists valueLists;

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    RuleTypeExecutors executors;

    @Inject
    RuleRepository rules;

    /** How an execution ended; {@code completed} says whether its windows count as done. */
    public record Outcome(String status, boolean completed, long alertsCreated) {
    }

    /** A scheduled execution starting now, after the one that started at {@code previousStartedAt} (null: none). */
    public Uni<Outcome> scheduled(String space, JsonNode rule, Instant startedAt, Instant previousStartedAt) {
        Optional<Duration> interval = Intervals.parse(rule.path("interval").asText());
        Optional<Instant> from = DateMath.parse(rule.path("from").asText("now-6m"), startedAt);
        Optional<Instant> to = DateMath.parse(rule.path("to").asText("now"), startedAt);
        if (interval.isEmpty() || from.isEmpty() || to.isEmpty()) {
            String message = interval.isEmpty() ? "Invalid interval \"" + rule.path("interval").asText() + "\""
                    : "Invalid date math in the rule's \"from\" or \"to\"";
            return execute(space, rule, SCHEDULED, startedAt, List.of(), Duration.ZERO, message);
        }
        Plan plan = RangeTuples.plan(from.get(), to.get(), interval.get(), startedAt, previousStartedAt);
        return execute(space, rule, SCHEDULED, startedAt, plan.windows(), plan.remainingGap(), null);
    }

    /** A manual run (or a gap refill) over these windows, oldest first. */
    public Uni<Outcome> manual(String space, JsonNode rule, List<Window> windows, Instant startedAt) {
        return execute(space, rule, MANUAL, startedAt, windows, Duration.ZERO, null);
    }

    private Uni<Outcome> execute(String space, JsonNode rule, String executionType, Instant startedAt,
                                 List<Window> windows, Duration remainingGap, String invalid) {
        UUID ruleId = UUID.fromString(rule.path("id").asText());
        String type = rule.path("type").asText();
        List<String> indices = RuleQueries.indices(rule);
        RunContext run = RunContext.of(space, rule, UUID.randomUUID().toString(), executionType, startedAt, indices,
                null, Suppression.candidates(rule, maxSignals(rule, maxAlertsPerRun)));
        if (rule.path("max_signals").asInt(100) > maxAlertsPerRun) {
            run.warn("The rule's max alerts per run setting (" + rule.path("max_signals").asInt() + ") is greater than"
                    + " the Kibana alerting limit (" + maxAlertsPerRun + "). The rule will only write a maximum of "
                    + maxAlertsPerRun + " alerts per rule run.");
        }
        Optional<RuleTypeExecutor> executor = executors.of(type);
        if (invalid != null || executor.isEmpty()) {
            String message = invalid != null ? invalid
                    : "eql".equals(type) ? EQL_NOT_EXECUTED
                    : "Rules of type \"" + type + "\" are not executed by this engine yet: the rule did not run.";
            return finish(run, windows, remainingGap, List.of(message), true);
        }
        Uni<Void> work = states.running(ruleId, space, startedAt)
                .flatMap(ignored -> readable(run, ruleId))
                .flatMap(readable -> readable == null ? Uni.createFrom().voidItem()
                        : usableIndices(readable, type).flatMap(usable -> !usable ? Uni.createFrom().voidItem()
                                : exceptions(readable).flatMap(withExceptions -> Multi.createFrom().iterable(windows)
                                        .onItem().transformToUniAndConcatenate(
                                                window -> executor.get().run(withExceptions, window))
                                        .collect().last().replaceWithVoid())));
        return work.onItemOrFailure().transformToUni((ignored, failure) -> {
            if (failure == null) {
                return finish(run, windows, remainingGap, List.of(), true);
            }
            boolean ruleError = ruleError(failure);
            if (!ruleError) {
                LOG.warnf("Rule %s failed to run, its windows will be run again: %s", ruleId, failure.toString());
            }
            return finish(run, windows, remainingGap, List.of(errorMessage(failure)), ruleError);
        });
    }

    /**
     * The run narrowed to what the rule's last editor may read (ENGINE.md §2.3, the editor's
     * snapshot standing for Kibana's API key): unreadable patterns are a warning naming them and
     * the editor; with nothing readable left the run searches nothing (null). A rule written
     * before snapshots were kept runs unchecked, as it did.
     */
    private Uni<RunContext> readable(RunContext run, UUID ruleId) {
        return rules.editorOf(ruleId).map(editor -> {
            if (editor.isEmpty() || editor.get().indexPrivileges() == null) {
                return run;
            }
            ReadableIndices readable = ReadableIndices.check(run.rule(), run.indices(), run.threatIndices(),
                    editor.get().indexPrivileges());
            readable.warning(editor.get().user()).ifPresent(run::warn);
            return readable.searchable() ? run.searching(readable.indices(), readable.threatIndices()) : null;
        });
    }

    /**
     * Kibana's index check (ENGINE.md §2.4): no index matching skips the run with a warning; a
     * missing timestamp field is a warning and the run goes on. ES|QL and ML rules name no index.
     */
    private Uni<Boolean> usableIndices(RunContext run, String type) {
        if ("machine_learning".equals(type) || "esql".equals(type)) {
            return Uni.createFrom().item(true);
        }
        String timestamp = run.timestamps().primary();
        return elasticsearch.fieldCaps(run.indices(), List.of(timestamp)).map(caps -> {
            if (caps.path("indices").isEmpty()) {
                run.warn("This rule is attempting to query data from Elasticsearch indices listed in the \"Index"
                        + " patterns\" section of the rule definition, however no index matching: "
                        + jsonList(run.indices()) + " was found. This warning will continue to appear until a matching"
                        + " index is created or this rule is disabled.");
                return false;
            }
            JsonNode field = caps.path("fields").path(timestamp);
            List<String> missing = new ArrayList<>();
            if (field.isMissingNode() || (field.size() == 1 && field.has("unmapped") && !field.get("unmapped").has("indices"))) {
                caps.path("indices").forEach(index -> missing.add(index.asText()));
            } else {
                field.path("unmapped").path("indices").forEach(index -> missing.add(index.asText()));
            }
            if (!missing.isEmpty()) {
                String what = timestamp.equals("@timestamp") ? "timestamp field \"@timestamp\""
                        : "timestamp override field \"" + timestamp + "\"";
                run.warn("The following indices are missing the " + what + ": " + jsonList(missing));
            }
            return true;
        });
    }

    private Uni<RunContext> exceptions(RunContext run) {
        return exceptionItems.of(run.space(), run.rule()).flatMap(items -> valueLists
                .read(run.space(), run.ruleId(), ExceptionFilter.valueLists(items, run.startedAt()))
                .map(lists -> {
                    ExceptionFilter.Built built = ExceptionFilter.build(items, run.startedAt(), lists);
                    built.warnings().forEach(run::warn);
                    return run.withExceptions(built.clause().orElse(null));
                }));
    }

    /**
     * Kibana's final status (ENGINE.md §2.10): errors → failed; else warnings → partial failure
     * (joined as Kibana joins them); else a gap catch-up did not cover → failed with its message;
     * else succeeded.
     */
    private Uni<Outcome> finish(RunContext run, List<Window> windows, Duration remainingGap, List<String> errors,
                                boolean completed) {
        boolean gap = !remainingGap.isZero() && !windows.isEmpty();
        String status;
        String message;
        if (!errors.isEmpty()) {
            status = LastExecution.FAILED;
            message = String.join(",", errors);
        } else if (!run.warnings().isEmpty()) {
            status = LastExecution.PARTIAL_FAILURE;
            message = String.join(",", run.warnings());
        } else if (gap) {
            status = LastExecution.FAILED;
            message = RangeTuples.gapMessage(remainingGap);
        } else {
            status = LastExecution.SUCCEEDED;
            message = LastExecution.SUCCESS_MESSAGE;
        }
        Long gapSeconds = gap ? Math.round(remainingGap.toMillis() / 1000.0) : null;
        LastExecution last = new LastExecution(run.startedAt(), status, message, run.searchDurationMs().get(),
                run.indexingDurationMs().get(), gapSeconds);
        Window covered = windows.isEmpty() ? new Window(run.startedAt(), run.startedAt())
                : new Window(windows.get(0).from(), windows.get(windows.size() - 1).to());
        Window uncovered = gap && completed && RuleRunner.SCHEDULED.equals(run.executionType())
                ? new Window(covered.from().minus(remainingGap), covered.from()) : null;
        RuleExecutionEvent event = new RuleExecutionEvent(run.space(), run.ruleId(), run.executionId(),
                run.executionType(), io.opendetection.common.document.Timestamps.of(run.startedAt()), status, message,
                windows.isEmpty() ? null : io.opendetection.common.document.Timestamps.of(covered.from()),
                windows.isEmpty() ? null : io.opendetection.common.document.Timestamps.of(covered.to()),
                run.alertsCreated().get(), run.searchDurationMs().get(), run.indexingDurationMs().get(), gapSeconds);
        // A manual run never moves the schedule: only scheduled executions complete a rule's window.
        Window done = completed && SCHEDULED.equals(run.executionType()) ? covered : null;
        return states.finished(event, last, done, run.startedAt(), uncovered, GAP_REASON)
                .replaceWith(new Outcome(status, completed, run.alertsCreated().get()));
    }

    /** The rule's max_signals after the framework's clamp (Kibana's {@code xpack.alerting.rules.run.alerts.max}). */
    public static int maxSignals(JsonNode rule, int maxAlertsPerRun) {
        return Math.max(1, Math.min(rule.path("max_signals").asInt(100), maxAlertsPerRun));
    }

    /** The rule is at fault, not the infrastructure: running the same windows again would fail again. */
    static boolean ruleError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SearchFailure search) {
                return search.ruleError();
            }
            if (cause instanceof KqlSyntaxException || cause instanceof IllegalArgumentException
                    || cause instanceof EqlSyntaxException || cause instanceof SequenceLimitException) {
                return true;
            }
        }
        return false;
    }

    /** Kibana's wording for an execution that threw. */
    static String errorMessage(Throwable failure) {
        String message = failure.getMessage() == null ? "(no error message given)" : failure.getMessage();
        return "An error occurred during rule execution: message: \"" + message + "\"";
    }

    private static String jsonList(List<String> values) {
        ObjectNode holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var array = holder.putArray("values");
        values.forEach(array::add);
        return array.toString();
    }
}
