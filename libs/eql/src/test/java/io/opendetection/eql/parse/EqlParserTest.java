package io.opendetection.eql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EqlParserTest {

    @Test
    void eventQueryWithOperatorsAndFunctions() {
        EqlQuery.EventSearch search = (EqlQuery.EventSearch) EqlParser.parse(
                "process where process.name : (\"cmd.exe\", \"*.ps1\") and not startsWith~(process.args, \"-e\")"
                        + " and process.pid in (1, 2) and ?user.`first name` like~ \"a*\" | head 5");
        assertEquals("process", search.query().category());
        assertEquals(List.of(new EqlQuery.Head(5)), search.pipes());
        Expr.And top = (Expr.And) search.query().condition();
        assertEquals(new Expr.Match(Expr.MatchKind.LIKE, true, false, new Expr.Field("user.first name", true),
                List.of(new Expr.Literal("a*"))), top.right());
    }

    @Test
    void nullComparisonsBecomeNullChecks() {
        EqlQuery.EventSearch search = (EqlQuery.EventSearch) EqlParser.parse("any where null != user.name");
        assertEquals(new Expr.IsNull(new Expr.Field("user.name", false), true), search.query().condition());
    }

    @Test
    void stringsEscapedAndRaw() {
        EqlQuery.EventSearch escaped = (EqlQuery.EventSearch) EqlParser.parse("file where path == \"C:\\\\a\\u{41}\\\"\"");
        assertEquals(new Expr.Literal("C:\\aA\""), ((Expr.Compare) escaped.query().condition()).right());
        EqlQuery.EventSearch raw = (EqlQuery.EventSearch) EqlParser.parse("file where path == \"\"\"C:\\a\"\"\"");
        assertEquals(new Expr.Literal("C:\\a"), ((Expr.Compare) raw.query().condition()).right());
    }

    @Test
    void sequenceWithKeysMaxspanRunsMissingAndUntil() {
        EqlQuery.Sequence sequence = (EqlQuery.Sequence) EqlParser.parse("""
                sequence by host.id with maxspan=5m
                  [process where true] by process.entity_id with runs=2
                  ![file where true] by process.entity_id
                  [network where true] by process.entity_id
                until [process where event.type == "end"] by process.entity_id
                | tail 3""");
        assertEquals(300_000L, sequence.maxspanMillis());
        assertEquals(3, sequence.steps().size());
        assertEquals(2, sequence.steps().get(0).runs());
        assertTrue(sequence.steps().get(1).missing());
        assertEquals(List.of(new EqlQuery.Tail(3)), sequence.pipes());
        assertEquals(1, sequence.until().keys().size());
    }

    @Test
    void sample() {
        EqlQuery.Sample sample = (EqlQuery.Sample) EqlParser.parse("sample by host [any where a == 1] [any where b == 2]");
        assertEquals(2, sample.steps().size());
    }

    @Test
    void errorsNameLineColumnAndExpectation() {
        EqlSyntaxException error = assertThrows(EqlSyntaxException.class,
                () -> EqlParser.parse("process where\n  process.name == "));
        assertEquals(2, error.line());
        assertEquals(19, error.column());
        assertEquals("expected an expression but found end of input", error.reason());

        EqlSyntaxException noWhere = assertThrows(EqlSyntaxException.class, () -> EqlParser.parse("process process.name"));
        assertEquals("line 1:9: expected 'where' but found 'process.name'", noWhere.getMessage());

        EqlSyntaxException unknown = assertThrows(EqlSyntaxException.class, () -> EqlParser.parse("any where foo(a)"));
        assertTrue(unknown.reason().startsWith("unknown function [foo]"), unknown.reason());

        EqlSyntaxException noTilde = assertThrows(EqlSyntaxException.class,
                () -> EqlParser.parse("any where length~(a) == 1"));
        assertTrue(noTilde.reason().contains("no case-insensitive"), noTilde.reason());

        EqlSyntaxException keys = assertThrows(EqlSyntaxException.class,
                () -> EqlParser.parse("sequence [any where true] by a [any where true] by a, b"));
        assertTrue(keys.reason().startsWith("inconsistent number of join keys"), keys.reason());

        EqlSyntaxException single = assertThrows(EqlSyntaxException.class,
                () -> EqlParser.parse("any where a == 'x'"));
        assertEquals(16, single.column());

        assertInstanceOf(EqlSyntaxException.class, assertThrows(RuntimeException.class,
                () -> EqlParser.parse("process where true | stats a")));
    }

    @Test
    void legacyPythonEqlSyntax() {
        EqlQuery.Join join = (EqlQuery.Join) EqlParser.parse("""
                join by user_name
                  [process where true] by pid
                  [file where true] by ppid
                until [process where opcode == 2] by pid
                | unique events[1].serial_event_id, pid | sort a b | head 2""");
        assertEquals(2, join.steps().size());
        assertEquals(new EqlQuery.Unique(List.of(new Expr.Field("events[1].serial_event_id", false),
                new Expr.Field("pid", false))), join.pipes().get(0));
        assertEquals(new EqlQuery.Sort(List.of(new Expr.Field("a", false), new Expr.Field("b", false))),
                join.pipes().get(1));

        EqlQuery.Sequence sequence = (EqlQuery.Sequence) EqlParser.parse(
                "sequence [process where true] by a [file where true] fork=true by a | filter percent >= .5");
        assertTrue(sequence.steps().get(1).fork());
        assertEquals(new Expr.Literal(0.5), ((Expr.Compare) ((EqlQuery.Filter) sequence.pipes().get(0)).condition())
                .right());

        EqlQuery.EventSearch lineage = (EqlQuery.EventSearch) EqlParser.parse(
                "process where not child of [process where descendant of [file where true]] | count a");
        Expr.Lineage child = (Expr.Lineage) ((Expr.Not) lineage.query().condition()).operand();
        assertEquals(Expr.LineageKind.CHILD, child.kind());
        assertEquals(Expr.LineageKind.DESCENDANT, ((Expr.Lineage) child.query().condition()).kind());

        EqlQuery.EventSearch raw = (EqlQuery.EventSearch) EqlParser.parse("any where match(a, ?\"\\s+\\w\")");
        assertEquals(new Expr.Literal("\\s+\\w"), ((Expr.Call) raw.query().condition()).args().get(1));
    }

    @Test
    void ruleQueriesRefusePipesThatYieldNoEvents() {
        EqlSyntaxException count = assertThrows(EqlSyntaxException.class,
                () -> EqlParser.parseRuleQuery("process where true | unique a | count a"));
        assertEquals("line 1:33: pipe [count] yields no events and cannot be used in a rule: "
                + "expected head, tail, filter, unique or sort", count.getMessage());
        assertThrows(EqlSyntaxException.class, () -> EqlParser.parseRuleQuery("any where true | unique_count a"));
        assertInstanceOf(EqlQuery.EventSearch.class, EqlParser.parseRuleQuery("any where true | unique a | sort b"));
    }
}
