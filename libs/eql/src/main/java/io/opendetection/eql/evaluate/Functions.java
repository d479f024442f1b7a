package io.opendetection.eql.evaluate;

import io.opendetection.eql.parse.Expr.ArithmeticOp;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** EQL's functions with Elasticsearch's null and type rules: a null (or mistyped) input gives null. */
public final class Functions {

    private Functions() {
    }

    static Object call(String name, boolean insensitive, Object[] args) {
        return switch (name) {
            case "add" -> arithmetic(ArithmeticOp.ADD, first(args[0]), first(args[1]));
            case "subtract" -> arithmetic(ArithmeticOp.SUBTRACT, first(args[0]), first(args[1]));
            case "multiply" -> arithmetic(ArithmeticOp.MULTIPLY, first(args[0]), first(args[1]));
            case "divide" -> arithmetic(ArithmeticOp.DIVIDE, first(args[0]), first(args[1]));
            case "modulo" -> arithmetic(ArithmeticOp.MODULO, first(args[0]), first(args[1]));
            case "between" -> between(args, insensitive);
            case "cidrMatch" -> cidrMatch(args);
            case "concat" -> concat(args);
            case "endsWith" -> strings(args, 2) ? endsWith(str(args[0]), str(args[1]), insensitive) : null;
            case "startsWith" -> strings(args, 2) ? startsWith(str(args[0]), str(args[1]), insensitive) : null;
            case "stringContains" -> strings(args, 2) ? contains(str(args[0]), str(args[1]), insensitive) : null;
            case "indexOf" -> indexOf(args, insensitive);
            case "length" -> first(args[0]) instanceof String text ? (Object) (long) text.length() : null;
            case "number" -> number(args);
            case "string" -> string(first(args[0]));
            case "substring" -> substring(args);
            case "match", "matchLite" -> match(args);
            default -> throw new IllegalArgumentException("unknown function " + name);
        };
    }

    private static Object first(Object value) {
        return Evaluator.first(value);
    }

    private static String str(Object value) {
        return (String) first(value);
    }

    private static boolean strings(Object[] args, int count) {
        for (int i = 0; i < count; i++) {
            if (!(first(args[i]) instanceof String)) {
                return false;
            }
        }
        return true;
    }

    static Object arithmetic(ArithmeticOp op, Object left, Object right) {
        if (!(left instanceof Number a) || !(right instanceof Number b)) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                // Division by zero: Elasticsearch fails the script; the event simply does not match.
                case DIVIDE -> y == 0 ? null : x / y;
                case MODULO -> y == 0 ? null : x % y;
            };
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> y == 0 ? null : x / y;
            case MODULO -> y == 0 ? null : x % y;
        };
    }

    private static Object between(Object[] args, boolean insensitive) {
        if (!strings(args, 3)) {
            return null;
        }
        boolean greedy = args.length > 3 && Boolean.TRUE.equals(first(args[3]));
        String source = str(args[0]);
        String left = str(args[1]);
        String right = str(args[2]);
        String haystack = insensitive ? Patterns.lower(source) : source;
        String leftNeedle = insensitive ? Patterns.lower(left) : left;
        String rightNeedle = insensitive ? Patterns.lower(right) : right;
        int leftAt = haystack.indexOf(leftNeedle);
        if (leftAt < 0) {
            return "";
        }
        int start = leftAt + leftNeedle.length();
        int end = greedy ? haystack.lastIndexOf(rightNeedle) : haystack.indexOf(rightNeedle, start);
        if (end < start) {
            return "";
        }
        return source.substring(start, end);
    }

    private static Object concat(Object[] args) {
        StringBuilder text = new StringBuilder();
        for (Object arg : args) {
            Object value = first(arg);
            if (value == null) {
                return null;
            }
            text.append(string(value));
        }
        return text.toString();
    }

    private static boolean endsWith(String source, String suffix, boolean insensitive) {
        return insensitive ? Patterns.lower(source).endsWith(Patterns.lower(suffix)) : source.endsWith(suffix);
    }

    private static boolean startsWith(String source, String prefix, boolean insensitive) {
        return insensitive ? Patterns.lower(source).startsWith(Patterns.lower(prefix)) : source.startsWith(prefix);
    }

    private static boolean contains(String source, String part, boolean insensitive) {
        return insensitive ? Patterns.lower(source).contains(Patterns.lower(part)) : source.contains(part);
    }

    private static Object indexOf(Object[] args, boolean insensitive) {
        if (!strings(args, 2)) {
            return null;
        }
        long start = 0;
        if (args.length > 2 && first(args[2]) != null) {
            if (!(first(args[2]) instanceof Long from)) {
                return null;
            }
            start = Math.max(0, from);
        }
        String source = insensitive ? Patterns.lower(str(args[0])) : str(args[0]);
        String part = insensitive ? Patterns.lower(str(args[1])) : str(args[1]);
        if (start > source.length()) {
            return null;
        }
        int at = source.indexOf(part, (int) start);
        return at < 0 ? null : (Object) (long) at;
    }

    private static Object number(Object[] args) {
        Object value = first(args[0]);
        if (value instanceof Number) {
            return value;
        }
        if (!(value instanceof String text)) {
            return null;
        }
        int base = 10;
        if (args.length > 1 && first(args[1]) != null) {
            if (!(first(args[1]) instanceof Long radix) || radix < 2 || radix > 36) {
                return null;
            }
            base = radix.intValue();
        }
        String digits = text.trim();
        try {
            if (base == 10) {
                if (digits.matches("[+-]?\\d+")) {
                    return Long.parseLong(digits);
                }
                return Double.parseDouble(digits);
            }
            if (base == 16 && digits.toLowerCase().startsWith("0x")) {
                digits = digits.substring(2);
            }
            return new BigInteger(digits, base).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static String string(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return String.valueOf(number);
        }
        return String.valueOf(value);
    }

    /** Python-like slicing: negative positions count from the end. */
    private static Object substring(Object[] args) {
        if (!(first(args[0]) instanceof String source)) {
            return null;
        }
        Object startValue = first(args[1]);
        Object endValue = args.length > 2 ? first(args[2]) : null;
        if (startValue != null && !(startValue instanceof Long) || endValue != null && !(endValue instanceof Long)) {
            return null;
        }
        int length = source.length();
        long start = startValue == null ? 0 : (Long) startValue;
        long end = endValue == null ? length : (Long) endValue;
        start = start < 0 ? Math.max(0, length + start) : Math.min(start, length);
        end = end < 0 ? Math.max(0, length + end) : Math.min(end, length);
        return start >= end ? "" : source.substring((int) start, (int) end);
    }

    /** python EQL's {@code match}: whether any of the regular expressions matches at the start of the string, ignoring case. */
    private static Object match(Object[] args) {
        if (!(first(args[0]) instanceof String text)) {
            return null;
        }
        for (int i = 1; i < args.length; i++) {
            if (first(args[i]) instanceof String pattern && Patterns.regexPrefix(text, pattern)) {
                return true;
            }
        }
        return false;
    }

    private static Object cidrMatch(Object[] args) {
        Object ip = first(args[0]);
        if (!(ip instanceof String address)) {
            return null;
        }
        byte[] bytes = ipBytes(address);
        if (bytes == null) {
            return null;
        }
        for (int i = 1; i < args.length; i++) {
            for (Object block : args[i] instanceof List<?> list ? list : List.of(String.valueOf(args[i]))) {
                if (block instanceof String cidr && inBlock(bytes, cidr)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inBlock(byte[] address, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = ipBytes(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null || network.length != address.length) {
            return false;
        }
        int bits;
        try {
            bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((address[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 or IPv6 literal's bytes; null for anything else (never a name lookup). */
    static byte[] ipBytes(String text) {
        if (text.indexOf(':') >= 0) {
            if (!text.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}")) {
                return null;
            }
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return null;
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }
}
