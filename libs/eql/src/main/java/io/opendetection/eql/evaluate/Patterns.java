package io.opendetection.eql.evaluate;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Wildcard ({@code *}, {@code ?}) and regular-expression matching of whole strings, as Elasticsearch's queries match. */
public final class Patterns {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    private Patterns() {
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    public static boolean wildcard(String value, String pattern, boolean insensitive) {
        return compiled("w" + (insensitive ? "i" : "s") + pattern, () -> {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return flags(regex.toString(), insensitive);
        }).matcher(value).matches();
    }

    /** Lucene's regular expressions are anchored and nearly Java's syntax; an invalid one matches nothing. */
    public static boolean regex(String value, String pattern, boolean insensitive) {
        Pattern compiled = compiled("r" + (insensitive ? "i" : "s") + pattern, () -> {
            try {
                return flags(pattern, insensitive);
            } catch (RuntimeException e) {
                return null;
            }
        });
        return compiled != null && compiled.matcher(value).matches();
    }

    /** A python regular expression matched from the start of the value (not to its end), ignoring case. */
    public static boolean regexPrefix(String value, String pattern) {
        Pattern compiled = compiled("p" + pattern, () -> {
            try {
                return flags(pattern, true);
            } catch (RuntimeException e) {
                return null;
            }
        });
        return compiled != null && compiled.matcher(value).lookingAt();
    }

    private static Pattern flags(String regex, boolean insensitive) {
        return Pattern.compile(regex, Pattern.DOTALL | (insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    private static Pattern compiled(String key, java.util.function.Supplier<Pattern> build) {
        Pattern cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Pattern pattern = build.get();
        if (pattern != null && CACHE.size() < CACHE_LIMIT) {
            CACHE.put(key, pattern);
        }
        return pattern;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
