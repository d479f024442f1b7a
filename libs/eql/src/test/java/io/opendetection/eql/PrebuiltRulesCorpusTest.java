package io.opendetection.eql;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.eql.parse.EqlSyntaxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every EQL query in the shared sample of Elastic's prebuilt rules must parse and compile. */
class PrebuiltRulesCorpusTest {

    @Test
    void everyEqlQueryParsesAndCompiles() throws IOException {
        Path corpus = Path.of(System.getProperty("detection.root", "."))
                .resolve("../shared/corpus/prebuilt-rules-sample.ndjson").normalize();
        assumeTrue(Files.exists(corpus), "shared corpus is absent (" + corpus + "); skipping the corpus test");

        ObjectMapper mapper = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        int sequences = 0;
        try (BufferedReader lines = Files.newBufferedReader(corpus)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rule = mapper.readTree(line);
                if (!"eql".equals(rule.path("language").asText()) || !rule.hasNonNull("query")) {
                    continue;
                }
                try {
                    if (Eql.validate(rule.get("query").asText()) instanceof io.opendetection.eql.parse.EqlQuery.Sequence) {
                        sequences++;
                    }
                    compiled++;
                } catch (EqlSyntaxException e) {
                    failures.add(rule.path("rule_id").asText() + ": " + e.getMessage());
                }
            }
        }
        System.out.println("EQL corpus: " + compiled + " eql queries parsed and compiled (" + sequences
                + " sequences), " + failures.size() + " failed");
        assertTrue(compiled > 0, "no eql query found in " + corpus);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
