package io.opendetection.rules.execution.privileges;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether index privileges, as the caller token carries them (libs/contracts {@code CallerToken}:
 * layers of {@code {names, privileges}}), allow reading every index an index pattern can match.
 * Conservative: a pattern counts as covered only when it provably is, so a rule never reads more
 * than its editor could; an unusual name (a {@code /regex/}) covers only its own text.
 */
public final class ReadPrivileges {
    private ReadPrivileges() {
    }

    /**
     * Covered when EVERY layer has an entry whose privileges include {@code read} (or {@code all})
     * and one of whose names covers the pattern. No layers, or no array at all, allow nothing.
     */
    public static boolean canRead(JsonNode layers, String indexPattern) {
        if (layers == null || !layers.isArray() || layers.isEmpty()) {
            return false;
        }
        for (JsonNode layer : layers) {
            if (!layerCovers(layer, indexPattern)) {
                return false;
            }
        }
        return true;
    }

    private static boolean layerCovers(JsonNode layer, String indexPattern) {
        for (JsonNode entry : layer) {
            if (!grantsRead(entry.path("privileges"))) {
                continue;
            }
            for (JsonNode name : entry.path("names")) {
                if (name.isTextual() && covers(name.asText(), indexPattern)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean grantsRead(JsonNode privileges) {
        for (JsonNode privilege : privileges) {
            String value = privilege.asText();
            if (value.equals("read") || value.equals("all")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the name pattern {@code name} matches every index the pattern {@code pattern} can
     * match (both with {@code *} and {@code ?}). It does when {@code name} matches {@code pattern}'s
     * own text with each of {@code pattern}'s wildcards consumed by a {@code *} of {@code name}
     * ({@code ?} of {@code name} may also take a single {@code ?}): whatever those wildcards
     * become, {@code name} still matches. {@code *} covers everything; {@code logs-*} covers
     * {@code logs-foo*}; {@code logs-foo*} does not cover {@code logs-*}.
     */
    static boolean covers(String name, String pattern) {
        if (name.equals(pattern) || name.equals("*")) {
            return true;
        }
        if (name.startsWith("/")) {
            return false;
        }
        // matched[i][j]: name[i..] covers pattern[j..]
        int n = name.length();
        int p = pattern.length();
        boolean[][] matched = new boolean[n + 1][p + 1];
        matched[n][p] = true;
        for (int i = n - 1; i >= 0; i--) {
            char wanted = name.charAt(i);
            for (int j = p; j >= 0; j--) {
                if (wanted == '*') {
                    matched[i][j] = matched[i + 1][j] || (j < p && matched[i][j + 1]);
                } else if (j < p) {
                    char given = pattern.charAt(j);
                    boolean one = wanted == '?' ? given != '*' : wanted == given && given != '*' && given != '?';
                    matched[i][j] = one && matched[i + 1][j + 1];
                }
            }
        }
        return matched[0][0];
    }
}
