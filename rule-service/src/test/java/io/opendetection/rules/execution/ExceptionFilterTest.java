package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.rules.execution.exceptions.ExceptionFilter;
import io.opendetection.rules.execution.exceptions.ValueListValues;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exception items as clauses, ENGINE.md §11. */
class ExceptionFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static JsonNode item(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void itemsAreOredAndTheirEntriesAnded() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(
                item("""
                        {"entries":[{"field":"host.name","operator":"included","type":"match","value":"jump-01"},
                                    {"field":"user.name","operator":"excluded","type":"match_any","value":["a","b"]}]}"""),
                item("""
                        {"entries":[{"field":"process.name","operator":"included","type":"wildcard","value":"*.exe"}]}""")),
                NOW, Map.of());
        assertEquals(JSON.readTree("""
                {"bool":{"should":[
                  {"bool":{"filter":[
                    {"bool":{"should":[{"match_phrase":{"host.name":"jump-01"}}],"minimum_should_match":1}},
                    {"bool":{"must_not":{"bool":{"should":[{"match_phrase":{"user.name":"a"}},{"match_phrase":{"user.name":"b"}}],"minimum_should_match":1}}}}
                  ]}},
                  {"bool":{"filter":[{"bool":{"filter":{"wildcard":{"process.name":"*.exe"}}}}]}}
                ],"minimum_should_match":1}}"""), built.clause().orElseThrow());
        assertTrue(built.warnings().isEmpty());
    }

    @Test
    void nestedAndExistsEntries() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(item("""
                {"entries":[{"field":"file.signature","type":"nested","entries":[
                   {"field":"signer","operator":"included","type":"match","value":"Acme"}]},
                  {"field":"dll.path","operator":"included","type":"exists"}]}""")), NOW, Map.of());
        assertEquals(JSON.readTree("""
                {"bool":{"should":[{"bool":{"filter":[
                  {"nested":{"path":"file.signature","query":{"bool":{"filter":[
                     {"bool":{"should":[{"match_phrase":{"file.signature.signer":"Acme"}}],"minimum_should_match":1}}]}},
                   "score_mode":"none"}},
                  {"bool":{"should":[{"exists":{"field":"dll.path"}}],"minimum_should_match":1}}
                ]}}],"minimum_should_match":1}}"""), built.clause().orElseThrow());
    }

    @Test
    void expiredItemsAreSkippedAndAnUnreadListWarns() throws Exception {
        List<JsonNode> items = List.of(
                item("""
                        {"expire_time":"2026-02-01T00:00:00.000Z","entries":[{"field":"a","operator":"included","type":"list","list":{"id":"old","type":"ip"}}]}"""),
                item("""
                        {"entries":[{"field":"source.ip","operator":"included","type":"list","list":{"id":"ips","type":"ip"}}]}"""));
        assertEquals(Set.of("ips"), ExceptionFilter.valueLists(items, NOW));
        ExceptionFilter.Built built = ExceptionFilter.build(items, NOW, Map.of());
        assertTrue(built.clause().isEmpty());
        assertEquals(List.of("The value list \"ips\" could not be read: the exception items that use it were not applied"),
                built.warnings());
    }

    @Test
    void aListEntryMatchesTheListsValuesAndRanges() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(item("""
                {"entries":[{"field":"host.name","operator":"included","type":"match","value":"jump-01"},
                            {"field":"source.ip","operator":"included","type":"list","list":{"id":"nets","type":"ip_range"}}]}""")),
                NOW, Map.of("nets", new ValueListValues("ip_range",
                        List.of("10.0.0.0/8", "192.168.1.10-192.168.1.20", "172.16.0.1"), true)));
        assertEquals(JSON.readTree("""
                {"bool":{"should":[{"bool":{"filter":[
                  {"bool":{"should":[{"match_phrase":{"host.name":"jump-01"}}],"minimum_should_match":1}},
                  {"bool":{"should":[
                    {"range":{"source.ip":{"gte":"192.168.1.10","lte":"192.168.1.20"}}},
                    {"terms":{"source.ip":["10.0.0.0/8","172.16.0.1"]}}],"minimum_should_match":1}}
                ]}}],"minimum_should_match":1}}"""), built.clause().orElseThrow());
        assertTrue(built.warnings().isEmpty());
    }

    @Test
    void anExcludedListEntryAndAnEmptyList() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(item("""
                {"entries":[{"field":"user.name","operator":"excluded","type":"list","list":{"id":"none","type":"keyword"}}]}""")),
                NOW, Map.of("none", new ValueListValues("keyword", List.of(), true)));
        assertEquals(JSON.readTree("""
                {"bool":{"should":[{"bool":{"filter":[
                  {"bool":{"must_not":{"bool":{"must_not":{"match_all":{}}}}}}
                ]}}],"minimum_should_match":1}}"""), built.clause().orElseThrow());
    }

    @Test
    void aLargeListIsSplitIntoTermsQueriesElasticsearchAccepts() throws Exception {
        List<String> values = IntStream.range(0, ExceptionFilter.TERMS_PER_QUERY + 2).mapToObj(i -> "v" + i).toList();
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(item("""
                {"entries":[{"field":"user.name","operator":"included","type":"list","list":{"id":"many","type":"keyword"}}]}""")),
                NOW, Map.of("many", new ValueListValues("keyword", values, true)));
        JsonNode terms = built.clause().orElseThrow().at("/bool/should/0/bool/filter/0/bool/should");
        assertEquals(2, terms.size());
        assertEquals(ExceptionFilter.TERMS_PER_QUERY, terms.get(0).at("/terms/user.name").size());
        assertEquals(2, terms.get(1).at("/terms/user.name").size());
    }

    @Test
    void aListOverTheLimitOrOfAShapeTypeIsReportedNotApplied() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(
                        item("""
                                {"entries":[{"field":"user.name","operator":"included","type":"list","list":{"id":"huge","type":"keyword"}}]}"""),
                        item("""
                                {"entries":[{"field":"a","type":"nested","entries":[{"field":"loc","operator":"included","type":"list","list":{"id":"geo","type":"geo_point"}}]}]}"""),
                        item("""
                                {"entries":[{"field":"host.name","operator":"included","type":"match","value":"h"}]}""")),
                NOW, Map.of("huge", new ValueListValues("keyword", List.of("a", "b"), false),
                        "geo", new ValueListValues("geo_point", List.of("1,2"), true)));
        assertEquals(List.of(
                "The value list \"huge\" has more than 2 values, the most this executor applies: the exception items that use it were not applied",
                "The value list \"geo\" is of type geo_point, which exceptions cannot match: the exception items that use it were not applied"),
                built.warnings());
        assertEquals(1, built.clause().orElseThrow().at("/bool/should").size());
    }

    @Test
    void anItemNotYetExpiredApplies() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(item("""
                {"expire_time":"2026-04-01T00:00:00.000Z","entries":[{"field":"a","operator":"included","type":"match","value":"x"}]}""")),
                NOW, Map.of());
        assertTrue(built.clause().isPresent());
    }
}
