package io.opendetection.eql.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.eql.parse.EqlParser;
import io.opendetection.eql.parse.EqlQuery;
import io.opendetection.eql.parse.Expr;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DslCompilerTest {

    private static final FieldMapping MAPPING = new FieldMapping(
            Map.of("pid", "long", "name", "keyword", "file", "text", "file.keyword", "keyword", "body", "text"),
            Map.of("file", "file.keyword"));

    private static EventFilter compile(String query) {
        EqlQuery.EventSearch search = (EqlQuery.EventSearch) EqlParser.parse(query);
        return new DslCompiler(MAPPING, "event.category").compile(search.query());
    }

    private static String json(String text) throws Exception {
        return new ObjectMapper().readTree(text).toString();
    }

    @Test
    void pushesDownWhatElasticsearchCanAnswer() throws Exception {
        EventFilter filter = compile("process where pid >= 4 and name : \"*.EXE\" and file == \"a b\""
                + " and name != \"x\" and name in (\"a\", \"b\") and name regex~ \"c.*\" and pid != null");
        assertNull(filter.residual());
        assertEquals(json("""
                {"bool":{"filter":[
                  {"term":{"event.category":"process"}},
                  {"range":{"pid":{"gte":4}}},
                  {"wildcard":{"name":{"value":"*.EXE","case_insensitive":true}}},
                  {"term":{"file.keyword":{"value":"a b"}}},
                  {"bool":{"filter":[{"exists":{"field":"name"}}],"must_not":[{"term":{"name":{"value":"x"}}}]}},
                  {"terms":{"name":["a","b"]}},
                  {"regexp":{"name":{"value":"c.*","flags":"ALL","case_insensitive":true}}},
                  {"exists":{"field":"pid"}}]}}"""), filter.query().toString());
    }

    @Test
    void leavesTheRestToTheEvaluator() throws Exception {
        EventFilter filter = compile("any where name == \"a\\\\b*\" and length(name) > 3 and pid < other"
                + " and body : \"x\"");
        assertEquals(json("{\"bool\":{\"filter\":[{\"term\":{\"name\":{\"value\":\"a\\\\b*\"}}}]}}"),
                filter.query().toString());
        Expr residual = filter.residual();
        assertEquals("And", residual.getClass().getSimpleName());
    }

    @Test
    void negationKeepsOnlyEventsWithTheField() throws Exception {
        EventFilter filter = compile("any where not (name == \"a\" or pid > 3)");
        assertEquals(json("""
                {"bool":{"filter":[{"bool":{"filter":[
                  {"bool":{"filter":[{"exists":{"field":"name"}}],"must_not":[{"term":{"name":{"value":"a"}}}]}},
                  {"bool":{"filter":[{"exists":{"field":"pid"}}],"must_not":[{"range":{"pid":{"gt":3}}}]}}]}}]}}"""),
                filter.query().toString());
    }

    @Test
    void wildcardsEscapeBackslashes() throws Exception {
        EventFilter filter = compile("any where name : \"*\\\\temp\\\\*\"");
        assertEquals(json("{\"bool\":{\"filter\":[{\"wildcard\":{\"name\":{\"value\":\"*\\\\\\\\temp\\\\\\\\*\","
                + "\"case_insensitive\":true}}}]}}"), filter.query().toString());
    }
}
