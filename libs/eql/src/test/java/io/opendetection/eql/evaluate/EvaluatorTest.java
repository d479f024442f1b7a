package io.opendetection.eql.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.eql.StringCase;
import io.opendetection.eql.parse.EqlParser;
import io.opendetection.eql.parse.EqlQuery;
import io.opendetection.eql.parse.Expr;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final JsonNode EVENT = read("""
            {"process": {"name": "CMD.exe", "pid": 4, "args": ["cmd.exe", "/c", "whoami"]},
             "user.name": "root", "source": {"ip": "10.1.2.3"}, "ratio": 2.5}""");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Expr condition(String text) {
        return ((EqlQuery.EventSearch) EqlParser.parse("any where " + text)).query().condition();
    }

    private static Object value(String text) {
        return Evaluator.value(condition(text), EVENT);
    }

    private static boolean holds(String text) {
        return Evaluator.holds(condition(text), EVENT);
    }

    @Test
    void comparisonsAndMatching() {
        assertTrue(holds("process.name : \"cmd.EXE\""));
        assertFalse(holds("process.name == \"cmd.exe\""));
        assertTrue(holds("process.name like~ \"c?d.*\""));
        assertFalse(holds("process.name like \"cmd*\""));
        assertTrue(holds("process.name regex~ \"c[a-z]d\\\\.exe\""));
        assertTrue(holds("process.pid in (1, 4)"));
        assertTrue(holds("process.name in~ (\"cmd.exe\")"));
        assertTrue(holds("process.args : \"whoami\""));
        assertTrue(holds("user.name == \"root\" and source.ip != \"1.1.1.1\""));
        assertTrue(holds("process.pid >= 4 and ratio < 3"));
    }

    @Test
    void nullRules() {
        assertNull(value("missing > 1"));
        assertNull(value("missing == \"a\" or false"));
        assertTrue(holds("missing == null"));
        assertFalse(holds("missing != null"));
        // not null is still null: a negated condition never keeps an event without the field.
        assertFalse(holds("missing != \"a\""));
        assertFalse(holds("not missing : \"a\""));
        assertFalse(holds("missing !: \"*\""));
        assertFalse(holds("not (missing > 1)"));
        assertTrue(holds("not (missing > 1 and false)"));
        assertTrue(holds("null : (missing > -1)"));
        assertNull(value("length(missing)"));
        assertNull(value("concat(\"a\", missing)"));
    }

    @Test
    void functions() {
        assertEquals(7L, value("add(process.pid, 3)"));
        assertEquals(1L, value("divide(process.pid, 3)"));
        assertEquals(1L, value("modulo(process.pid, 3)"));
        assertEquals(1.25, value("divide(ratio, 2)"));
        assertEquals("MD", value("between(process.name, \"C\", \".\")"));
        assertEquals("MD", value("between~(process.name, \"c\", \".\")"));
        assertEquals(true, value("cidrMatch(source.ip, \"192.168.0.0/16\", \"10.0.0.0/8\")"));
        assertEquals("CMD.exe4", value("concat(process.name, process.pid)"));
        assertEquals(true, value("endsWith~(process.name, \"EXE\")"));
        assertEquals(false, value("endsWith(process.name, \"EXE\")"));
        assertEquals(3L, value("indexOf~(process.name, \".E\")"));
        assertNull(value("indexOf(process.name, \"zz\")"));
        assertEquals(7L, value("length(process.name)"));
        assertEquals(255L, value("number(\"0xff\", 16)"));
        assertEquals(2.5, value("number(\"2.5\")"));
        assertEquals(true, value("startsWith~(process.name, \"cmd\")"));
        assertEquals("4", value("string(process.pid)"));
        assertEquals(true, value("stringContains~(process.name, \"D.E\")"));
        assertEquals("exe", value("substring(process.name, -3)"));
        assertEquals("MD", value("substring(process.name, 1, 3)"));
        assertEquals(2L, value("subtract(process.pid, 2)"));
        assertEquals(8L, value("multiply(process.pid, 2)"));
    }

    private static final JsonNode NESTED = read("""
            {"langs": ["en-US", "en"], "box": {"items": [{"a": "x-1", "tags": [{"z": "q"}]}, {"a": "y-2", "tags": []}],
             "wanted": "q"}, "empty": {}}""");

    private static Object nested(String text) {
        return Evaluator.value(condition(text), NESTED);
    }

    @Test
    void caseInsensitiveOptionFoldsEveryStringComparison() {
        Evaluator insensitive = new Evaluator(StringCase.INSENSITIVE, null);
        assertTrue(insensitive.isTrue(condition("process.name == \"cmd.exe\""), EVENT));
        assertTrue(insensitive.isTrue(condition("process.name >= \"cmd\" and process.name < \"CMDZ\""), EVENT));
        assertTrue(insensitive.isTrue(condition("process.name in (\"CMD.EXE\")"), EVENT));
        assertTrue(insensitive.isTrue(condition("startsWith(process.name, \"cmd\")"), EVENT));
        assertTrue(insensitive.isTrue(condition("process.name like \"cmd*\""), EVENT));
        assertFalse(holds("process.name >= \"cmd\" and process.name < \"CMDZ\""));
        assertFalse(holds("startsWith(process.name, \"cmd\")"));
        Evaluator sensitive = new Evaluator(StringCase.SENSITIVE, null);
        assertFalse(sensitive.isTrue(condition("process.name : \"cmd.exe\""), EVENT));
        assertTrue(sensitive.isTrue(condition("process.name : \"CMD.*\" and process.name like~ \"cmd.*\""), EVENT));
    }

    @Test
    void legacyArrayFunctionsBindTheirVariable() {
        assertEquals(true, nested("arraySearch(box.items, i, i.a : \"x-*\")"));
        assertEquals(false, nested("arraySearch(box.items, i, i.a : \"z-*\")"));
        assertEquals(true, nested("arraySearch(box.items, i, arraySearch(i.tags, t, t.z == box.wanted))"));
        assertEquals(1L, nested("arrayCount(langs, s, s : \"*-us\")"));
        assertEquals(2L, nested("arrayCount(langs, s, s : \"en*\")"));
        assertEquals(true, nested("arrayContains(langs, \"missing\", \"en\")"));
        assertEquals(false, nested("arrayContains(langs, \"EN\")"));
        assertNull(nested("arrayContains(missing, \"en\")"));
        assertEquals(2L, nested("length(langs)"));
    }

    @Test
    void legacyFunctionsAndObjectTruth() {
        assertNull(value("safe(divide(process.pid, 0))"));
        assertEquals(true, value("match(process.name, ?\"c.d\\.\")"));
        assertEquals(false, value("matchLite(process.name, ?\"md\")"));
        assertTrue(Evaluator.holds(condition("box and true"), NESTED));
        assertFalse(Evaluator.holds(condition("empty"), NESTED));
    }
}
