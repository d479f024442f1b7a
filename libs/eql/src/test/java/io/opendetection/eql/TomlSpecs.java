package io.opendetection.eql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the subset of TOML the conformance files use: {@code [[queries]]} tables of keys whose
 * values are strings (basic, literal, multi-line), booleans, integers and (nested) arrays.
 */
final class TomlSpecs {

    private final String text;
    private int pos;

    private TomlSpecs(String text) {
        this.text = text;
    }

    static List<Map<String, Object>> queries(String text) {
        return new TomlSpecs(text).read();
    }

    private List<Map<String, Object>> read() {
        List<Map<String, Object>> tables = new ArrayList<>();
        Map<String, Object> current = null;
        while (true) {
            skipBlank();
            if (pos >= text.length()) {
                return tables;
            }
            if (text.startsWith("[[", pos)) {
                int close = text.indexOf("]]", pos);
                if (!text.substring(pos + 2, close).trim().equals("queries")) {
                    throw new IllegalArgumentException("unexpected table at " + pos);
                }
                pos = close + 2;
                current = new LinkedHashMap<>();
                tables.add(current);
                continue;
            }
            int equals = text.indexOf('=', pos);
            String key = text.substring(pos, equals).trim();
            pos = equals + 1;
            skipSpaces();
            Object value = value();
            if (current == null) {
                throw new IllegalArgumentException("key " + key + " outside [[queries]]");
            }
            current.put(key, value);
        }
    }

    private void skipBlank() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ',') {
                pos++;
            } else if (c == '#') {
                int newline = text.indexOf('\n', pos);
                pos = newline < 0 ? text.length() : newline + 1;
            } else {
                return;
            }
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private Object value() {
        if (text.startsWith("'''", pos) || text.startsWith("\"\"\"", pos)) {
            String quote = text.substring(pos, pos + 3);
            int close = text.indexOf(quote, pos + 3);
            String body = text.substring(pos + 3, close);
            pos = close + 3;
            if (body.startsWith("\n")) {
                body = body.substring(1);
            }
            return quote.equals("'''") ? body : unescape(body);
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            int close = text.indexOf('\'', pos + 1);
            String body = text.substring(pos + 1, close);
            pos = close + 1;
            return body;
        }
        if (c == '"') {
            StringBuilder body = new StringBuilder();
            pos++;
            while (text.charAt(pos) != '"') {
                if (text.charAt(pos) == '\\') {
                    body.append(text, pos, pos + 2);
                    pos += 2;
                } else {
                    body.append(text.charAt(pos++));
                }
            }
            pos++;
            return unescape(body.toString());
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (true) {
                skipBlank();
                if (text.charAt(pos) == ']') {
                    pos++;
                    return list;
                }
                list.add(value());
            }
        }
        int start = pos;
        while (pos < text.length() && "-+0123456789.abcdefghijklmnopqrstuvwxyz_".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("true") || word.equals("false")) {
            return Boolean.valueOf(word);
        }
        return Long.parseLong(word);
    }

    private static String unescape(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }
}
