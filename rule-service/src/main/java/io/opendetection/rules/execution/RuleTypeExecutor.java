package io.opendetection.rules.execution;

import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.smallrye.mutiny.Uni;

/**
 * What one rule type does with one window of one execution: search, build alerts, publish them.
 * The Uni completes once every alert of the window has been acknowledged by Kafka; warnings and
 * metrics go to the {@link RunContext}. A failure fails the execution.
 */
public interface RuleTypeExecutor {
    Uni<Void> run(RunContext run, Window window);
}
