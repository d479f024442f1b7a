package io.opendetection.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class KqlCompilerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Compares with JSON written with single quotes, for readability. */
    private static void assertDsl(String kql, String expectedJson) throws Exception {
        JsonNode expected = MAPPER.readTree(expectedJson.replace('\'', '"'));
        assertEquals(expected, Kql.toElasticsearchQuery(kql), kql);
    }

    private static String should(String clause) {
        return "{'bool':{'should':[" + clause + "],'minimum_should_match':1}}";
    }

    @Test
    void fieldValueIsAMatch() throws Exception {
        assertDsl("host.name: server-1", should("{'match':{'host.name':'server-1'}}"));
    }

    @Test
    void numbersStayStringsAndKeywordsBecomeJsonLiterals() throws Exception {
        assertDsl("port: 443", should("{'match':{'port':'443'}}"));
        assertDsl("enabled: true", should("{'match':{'enabled':true}}"));
        assertDsl("enabled: FALSE", should("{'match':{'enabled':'FALSE'}}"));
        assertDsl("x: null", should("{'match':{'x':null}}"));
    }

    @Test
    void quotedValueIsAMatchPhrase() throws Exception {
        assertDsl("message: \"failed to log in\"", should("{'match_phrase':{'message':'failed to log in'}}"));
    }

    @Test
    void quotedWildcardIsPlainText() throws Exception {
        assertDsl("file.name: \"*.exe\"", should("{'match_phrase':{'file.name':'*.exe'}}"));
    }

    @Test
    void unquotedWordsFormOneValue() throws Exception {
        assertDsl("message: failed to log in", should("{'match':{'message':'failed to log in'}}"));
    }

    @Test
    void wildcardValueIsAnEscapedQueryString() throws Exception {
        assertDsl("process.name: cmd*.exe",
                should("{'query_string':{'fields':['process.name'],'query':'cmd*.exe'}}"));
        assertDsl("file.path: C\\:/Win?ows/*",
                should("{'query_string':{'fields':['file.path'],'query':'C\\\\:\\\\/Win\\\\?ows\\\\/*'}}"));
    }

    @Test
    void loneWildcardIsExists() throws Exception {
        assertDsl("user.name: *", should("{'exists':{'field':'user.name'}}"));
    }

    @Test
    void wildcardFieldAndValueMatchAll() throws Exception {
        assertDsl("*: *", "{'match_all':{}}");
        assertDsl("   ", "{'match_all':{}}");
    }

    @Test
    void wildcardFieldNameIsKept() throws Exception {
        assertDsl("host.*: server", should("{'match':{'host.*':'server'}}"));
    }

    @Test
    void bareValueSearchesAllFields() throws Exception {
        assertDsl("mimikatz", "{'multi_match':{'type':'best_fields','query':'mimikatz','lenient':true}}");
        assertDsl("\"lsass dump\"", "{'multi_match':{'type':'phrase','query':'lsass dump','lenient':true}}");
        assertDsl("mimi*", "{'query_string':{'query':'mimi*'}}");
    }

    @Test
    void andIsAFilter() throws Exception {
        assertDsl("a: 1 and b: 2",
                "{'bool':{'filter':[" + should("{'match':{'a':'1'}}") + "," + should("{'match':{'b':'2'}}") + "]}}");
    }

    @Test
    void orIsAShouldWithMinimumOne() throws Exception {
        assertDsl("a: 1 OR b: 2", "{'bool':{'should':[" + should("{'match':{'a':'1'}}") + ","
                + should("{'match':{'b':'2'}}") + "],'minimum_should_match':1}}");
    }

    @Test
    void notIsAMustNot() throws Exception {
        assertDsl("NOT a: 1", "{'bool':{'must_not':" + should("{'match':{'a':'1'}}") + "}}");
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        String a = should("{'match':{'a':'1'}}");
        String b = should("{'match':{'b':'2'}}");
        String c = should("{'match':{'c':'3'}}");
        assertDsl("a:1 or b:2 and c:3",
                "{'bool':{'should':[" + a + ",{'bool':{'filter':[" + b + "," + c + "]}}],'minimum_should_match':1}}");
        assertDsl("(a:1 or b:2) and c:3",
                "{'bool':{'filter':[{'bool':{'should':[" + a + "," + b + "],'minimum_should_match':1}}," + c + "]}}");
    }

    @Test
    void valueListAppliesTheField() throws Exception {
        String one = should("{'match':{'event.action':'start'}}");
        String two = should("{'match_phrase':{'event.action':'end now'}}");
        assertDsl("event.action: (start or \"end now\")",
                "{'bool':{'should':[" + one + "," + two + "],'minimum_should_match':1}}");
        assertDsl("event.action: (start and not \"end now\")",
                "{'bool':{'filter':[" + one + ",{'bool':{'must_not':" + two + "}}]}}");
    }

    @Test
    void rangeOperators() throws Exception {
        assertDsl("bytes > 10", should("{'range':{'bytes':{'gt':'10'}}}"));
        assertDsl("bytes>=10", should("{'range':{'bytes':{'gte':'10'}}}"));
        assertDsl("bytes < 10", should("{'range':{'bytes':{'lt':'10'}}}"));
        assertDsl("@timestamp <= \"2024-01-01T00:00:00Z\"",
                should("{'range':{'@timestamp':{'lte':'2024-01-01T00:00:00Z'}}}"));
    }

    @Test
    void nestedQueryPrefixesItsFields() throws Exception {
        assertDsl("items: { name: apple and price > 2 }",
                "{'nested':{'path':'items','query':{'bool':{'filter':["
                        + should("{'match':{'items.name':'apple'}}") + ","
                        + should("{'range':{'items.price':{'gt':'2'}}}") + "]}},'score_mode':'none'}}");
        assertDsl("a: { b: { c: 1 } }",
                "{'nested':{'path':'a','query':{'nested':{'path':'a.b','query':"
                        + should("{'match':{'a.b.c':'1'}}") + ",'score_mode':'none'}},'score_mode':'none'}}");
    }

    @Test
    void escapedCharactersAreText() throws Exception {
        assertDsl("path: C\\:\\\\temp\\(x\\)\\*", should("{'match':{'path':'C:\\\\temp(x)*'}}"));
        assertDsl("title: \\and \\OR \\NOT", should("{'match':{'title':'and OR NOT'}}"));
        // As in Kibana's grammar, a lower-case \n is a newline before it can be an escaped "not".
        assertDsl("title: x\\not", should("{'match':{'title':'x\\not'}}"));
        assertDsl("q: \"say \\\"hi\\\" \\\\ C:\\Windows\"", should("{'match_phrase':{'q':'say \\\"hi\\\" \\\\ C:\\\\Windows'}}"));
        assertDsl("t: a\\tb\\u0041", should("{'match':{'t':'a\\tbA'}}"));
    }

    @Test
    void quotedFieldName() throws Exception {
        assertDsl("\"my field\": x", should("{'match':{'my field':'x'}}"));
    }
}
