package io.opendetection.rules.execution.privileges;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index patterns an ES|QL query reads: the sources of its {@code FROM} (or {@code TS})
 * command, and the indices of its {@code LOOKUP JOIN}s. A query that starts otherwise
 * ({@code ROW}, {@code SHOW}) reads no index.
 */
public final class EsqlSources {
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");
    private static final Pattern SOURCE_COMMAND = Pattern.compile("^(?:FROM|TS)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern METADATA = Pattern.compile("\\s+METADATA\\s.*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LOOKUP_JOIN = Pattern.compile("\\|\\s*LOOKUP\\s+JOIN\\s+(\"[^\"]*\"|[^\\s|]+)",
            Pattern.CASE_INSENSITIVE);

    private EsqlSources() {
    }

    public static List<String> of(String query) {
        String text = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(query == null ? "" : query).replaceAll(" "))
                .replaceAll(" ").strip();
        List<String> sources = new ArrayList<>();
        Matcher command = SOURCE_COMMAND.matcher(text);
        if (!command.lookingAt()) {
            return sources;
        }
        String rest = text.substring(command.end());
        String from = METADATA.matcher(firstCommand(rest)).replaceFirst("");
        for (String source : splitOutsideQuotes(from)) {
            String name = unquoted(source.strip());
            if (!name.isEmpty()) {
                sources.add(name);
            }
        }
        Matcher join = LOOKUP_JOIN.matcher(rest);
        while (join.find()) {
            sources.add(unquoted(join.group(1)));
        }
        return sources;
    }

    /** The text up to the first {@code |} outside quotes. */
    private static String firstCommand(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '|' && !quoted) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    private static List<String> splitOutsideQuotes(String text) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String unquoted(String source) {
        String name = source;
        while (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        return name;
    }
}
