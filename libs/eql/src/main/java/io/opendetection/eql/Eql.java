package io.opendetection.eql;

import io.opendetection.eql.compile.DslCompiler;
import io.opendetection.eql.compile.FieldMapping;
import io.opendetection.eql.parse.EqlParser;
import io.opendetection.eql.parse.EqlQuery;

/** Entry point: parse and check an EQL query; run one with {@link EqlExecutor}. */
public final class Eql {

    private Eql() {
    }

    /**
     * Parses {@code query} and compiles each of its event queries to DSL (without mappings), as a
     * rule's query is checked when it is saved; throws {@link io.opendetection.eql.parse.EqlSyntaxException}
     * naming the line and column when it is not valid EQL, or when a pipe yields no events
     * ({@code count}, {@code unique_count}): a rule raises alerts from events.
     */
    public static EqlQuery validate(String query) {
        EqlQuery parsed = EqlParser.parseRuleQuery(query);
        DslCompiler compiler = new DslCompiler(FieldMapping.NONE, EqlSettings.defaults().categoryField());
        if (parsed instanceof EqlQuery.EventSearch search) {
            compiler.compile(search.query());
        } else if (parsed instanceof EqlQuery.Sequence sequence) {
            sequence.steps().forEach(step -> compiler.compile(step.query()));
            if (sequence.until() != null) {
                compiler.compile(sequence.until().query());
            }
        } else if (parsed instanceof EqlQuery.Sample sample) {
            sample.steps().forEach(step -> compiler.compile(step.query()));
        } else if (parsed instanceof EqlQuery.Join join) {
            join.steps().forEach(step -> compiler.compile(step.query()));
            if (join.until() != null) {
                compiler.compile(join.until().query());
            }
        }
        return parsed;
    }
}
