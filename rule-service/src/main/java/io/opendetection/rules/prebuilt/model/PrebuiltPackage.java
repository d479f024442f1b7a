package io.opendetection.rules.prebuilt.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A prebuilt rules package in the layout of Elastic's {@code security_detection_engine}: a directory
 * or .zip holding {@code kibana/security_rule/<rule_id>_<version>.json}, each {@code {"attributes": rule}}.
 * Where a rule comes in several versions, the highest is the package's.
 */
public final class PrebuiltPackage {
    private static final Pattern RULE_FILE = Pattern.compile("(^|.*/)kibana/security_rule/[^/]+\\.json$");

    private final Map<String, JsonNode> latest;

    private PrebuiltPackage(Map<String, JsonNode> latest) {
        this.latest = latest;
    }

    public static PrebuiltPackage empty() {
        return new PrebuiltPackage(Map.of());
    }

    public static PrebuiltPackage load(Path location, ObjectMapper json) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                        String relative = location.relativize(file).toString().replace('\\', '/');
                        if (RULE_FILE.matcher(relative).matches()) {
                            try (InputStream in = Files.newInputStream(file)) {
                                add(latest, json.readTree(in), relative);
                            }
                        }
                    }
                }
            } else {
                try (ZipFile zip = new ZipFile(location.toFile())) {
                    for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                        if (!entry.isDirectory() && RULE_FILE.matcher(entry.getName()).matches()) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                add(latest, json.readTree(in), entry.getName());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the prebuilt rules package " + location + " cannot be read", e);
        }
        return new PrebuiltPackage(latest);
    }

    private static void add(Map<String, JsonNode> latest, JsonNode file, String name) {
        JsonNode rule = file.path("attributes");
        if (!rule.isObject() || !rule.path("rule_id").isTextual()) {
            throw new IllegalArgumentException("prebuilt rule file " + name + " has no attributes with a rule_id");
        }
        latest.merge(rule.get("rule_id").asText(), rule,
                (kept, candidate) -> candidate.path("version").asInt() > kept.path("version").asInt() ? candidate : kept);
    }

    /** The package's rules, at their latest version. */
    public Collection<JsonNode> rules() {
        return latest.values();
    }

    public int size() {
        return latest.size();
    }
}
