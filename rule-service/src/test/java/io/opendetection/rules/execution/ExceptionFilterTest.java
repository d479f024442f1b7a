package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.rules.execution.exceptions.ExceptionFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

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
                NOW);
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
                  {"field":"dll.path","operator":"included","type":"exists"}]}""")), NOW);
        assertEquals(JSON.readTree("""
                {"bool":{"should":[{"bool":{"filter":[
                  {"nested":{"path":"file.signature","query":{"bool":{"filter":[
                     {"bool":{"should":[{"match_phrase":{"file.signature.signer":"Acme"}}],"minimum_should_match":1}}]}},
                   "score_mode":"none"}},
                  {"bool":{"should":[{"exists":{"field":"dll.path"}}],"minimum_should_match":1}}
                ]}}],"minimum_should_match":1}}"""), built.clause().orElseThrow());
    }

    @Test
    void expiredItemsAreSkippedAndListItemsWarn() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(
                item("""
                        {"expire_time":"2026-02-01T00:00:00.000Z","entries":[{"field":"a","operator":"included","type":"match","value":"x"}]}"""),
                item("""
                        {"entries":[{"field":"source.ip","operator":"included","type":"list","list":{"id":"ips","type":"ip"}}]}""")),
                NOW);
        assertTrue(built.clause().isEmpty());
        assertEquals(List.of("value list exceptions are not applied yet"), built.warnings());
    }

    @Test
    void anItemNotYetExpiredApplies() throws Exception {
        ExceptionFilter.Built built = ExceptionFilter.build(List.of(item("""
                {"expire_time":"2026-04-01T00:00:00.000Z","entries":[{"field":"a","operator":"included","type":"match","value":"x"}]}""")),
                NOW);
        assertTrue(built.clause().isPresent());
    }
}
