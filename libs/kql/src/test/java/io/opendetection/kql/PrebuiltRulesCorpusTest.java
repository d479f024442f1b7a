package io.opendetection.kql;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every KQL query in the shared sample of Elastic's prebuilt rules must parse and compile. */
class PrebuiltRulesCorpusTest {

    // Rule types whose query language defaults to kuery when the rule names none.
    private static final Set<String> KUERY_BY_DEFAULT = Set.of("query", "threshold", "new_terms", "threat_match",
            "saved_query");

    @Test
    void everyKueryQueryCompiles() throws IOException {
        Path corpus = Path.of(System.getProperty("detection.root", "."))
                .resolve("../shared/corpus/prebuilt-rules-sample.ndjson").normalize();
        assumeTrue(Files.exists(corpus), "shared corpus is absent (" + corpus + "); skipping the corpus test");

        ObjectMapper mapper = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        try (BufferedReader lines = Files.newBufferedReader(corpus)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rule = mapper.readTree(line);
                List<String> queries = kueryQueries(rule);
                for (String query : queries) {
                    try {
                        Kql.toElasticsearchQuery(query);
                        compiled++;
                    } catch (KqlSyntaxException e) {
                        failures.add(rule.path("rule_id").asText() + ": " + e.getMessage());
                    }
                }
            }
        }
        System.out.println("KQL corpus: " + compiled + " kuery queries parsed and compiled, "
                + failures.size() + " failed");
        assertTrue(compiled > 0, "no kuery query found in " + corpus);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static List<String> kueryQueries(JsonNode rule) {
        List<String> queries = new ArrayList<>();
        String language = rule.path("language").asText(null);
        boolean kuery = language == null ? KUERY_BY_DEFAULT.contains(rule.path("type").asText()) : language.equals("kuery");
        if (kuery && rule.hasNonNull("query")) {
            queries.add(rule.get("query").asText());
        }
        if ("kuery".equals(rule.path("threat_language").asText()) && rule.hasNonNull("threat_query")) {
            queries.add(rule.get("threat_query").asText());
        }
        return queries;
    }
}
