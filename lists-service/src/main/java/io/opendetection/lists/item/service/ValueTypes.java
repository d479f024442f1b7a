package io.opendetection.lists.item.service;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a value of each list type may look like, as the Elasticsearch field type of Kibana's
 * list items accepts it, and its normalised form for membership.
 */
public final class ValueTypes {
    // Kibana splits ranges "gte-lte" (numbers; either bound may be negative) and "gte,lte" (dates)
    private static final Pattern NUMBER_RANGE = Pattern.compile("(-?[^-]+)-(-?[^-]+)");
    private static final Pattern IP_RANGE = Pattern.compile("([^-]+)-([^-]+)");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern GEO_POINT = Pattern.compile("(-?[\\d.]+)\\s*,\\s*(-?[\\d.]+)");
    private static final Pattern WKT_POINT = Pattern.compile("(?i)POINT\\s*\\(\\s*(-?[\\d.eE+-]+)\\s+(-?[\\d.eE+-]+)\\s*\\)");
    private static final Pattern GEOHASH = Pattern.compile("[0-9b-hjkmnp-z]{1,12}");
    private static final Pattern WKT = Pattern.compile("(?i)(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING"
            + "|MULTIPOLYGON|GEOMETRYCOLLECTION|BBOX|ENVELOPE)\\s*(\\(.*\\)|EMPTY)", Pattern.DOTALL);

    private ValueTypes() {
    }

    /** The value checked against {@code type}; blank values are never valid. */
    public static TypedValue parse(String type, String raw) throws InvalidValueException {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw new InvalidValueException("an empty value is not a valid " + type);
        }
        return switch (type) {
            case "ip" -> ip(value);
            case "ip_range" -> ipRange(value);
            case "keyword", "text" -> TypedValue.exact(value, value);
            case "binary" -> binary(value);
            case "boolean" -> bool(value);
            case "byte" -> TypedValue.exact(value, integer(value, type, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case "short" -> TypedValue.exact(value, integer(value, type, Short.MIN_VALUE, Short.MAX_VALUE));
            case "integer" -> TypedValue.exact(value, integer(value, type, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "long" -> TypedValue.exact(value, integer(value, type, Long.MIN_VALUE, Long.MAX_VALUE));
            case "float", "half_float" -> TypedValue.exact(value, floating(value, type, true));
            case "double" -> TypedValue.exact(value, floating(value, type, false));
            case "date" -> TypedValue.exact(value, date(value, type, false));
            case "date_nanos" -> TypedValue.exact(value, date(value, type, true));
            case "date_range" -> dateRange(value);
            case "double_range" -> numberRange(value, type, b -> floating(b, type, false));
            case "float_range" -> numberRange(value, type, b -> floating(b, type, true));
            case "integer_range" -> numberRange(value, type, b -> integer(b, type, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "long_range" -> numberRange(value, type, b -> integer(b, type, Long.MIN_VALUE, Long.MAX_VALUE));
            case "geo_point" -> geoPoint(value);
            case "geo_shape", "shape" -> shape(value, type);
            default -> throw new IllegalArgumentException("unknown list type " + type);
        };
    }

    /**
     * The normalised form of a value asked about, to compare with the stored match keys; null
     * when it cannot be of the type (so it is in no list of it).
     */
    public static String matchKey(String type, String raw) {
        try {
            TypedValue typed = parse(type, raw);
            return typed.isRange() ? null : typed.matchKey();
        } catch (InvalidValueException e) {
            return null;
        }
    }

    public static boolean coversAddresses(String type) {
        return "ip".equals(type) || "ip_range".equals(type);
    }

    private static TypedValue ip(String value) throws InvalidValueException {
        byte[] address = IpAddresses.parse(value);
        if (address == null) {
            throw notA(value, "ip");
        }
        return TypedValue.exact(value, IpAddresses.canonical(address));
    }

    /** A single address, a CIDR block or "first-last"; blocks and ranges of one address are that address. */
    private static TypedValue ipRange(String value) throws InvalidValueException {
        byte[] low;
        byte[] high;
        int slash = value.indexOf('/');
        // the pattern needs a dash: most values are single addresses, and questions ask thousands at once
        Matcher range = value.indexOf('-') < 0 ? null : IP_RANGE.matcher(value);
        if (slash >= 0) {
            byte[] address = IpAddresses.parse(value.substring(0, slash));
            String prefix = value.substring(slash + 1);
            byte[][] block = address == null || !prefix.matches("\\d{1,3}") ? null
                    : IpAddresses.cidr(address, Integer.parseInt(prefix));
            if (block == null) {
                throw notA(value, "ip_range");
            }
            low = block[0];
            high = block[1];
        } else if (range != null && range.matches()) {
            low = IpAddresses.parse(range.group(1).strip());
            high = IpAddresses.parse(range.group(2).strip());
            if (low == null || high == null || low.length != high.length || IpAddresses.compare(low, high) > 0) {
                throw notA(value, "ip_range");
            }
        } else {
            low = IpAddresses.parse(value);
            if (low == null) {
                throw notA(value, "ip_range");
            }
            high = low;
        }
        String first = IpAddresses.canonical(low);
        if (IpAddresses.compare(low, high) == 0) {
            return TypedValue.exact(value, first);
        }
        String last = IpAddresses.canonical(high);
        return new TypedValue(value, first + "-" + last, first, last);
    }

    private static TypedValue binary(String value) throws InvalidValueException {
        try {
            byte[] decoded = Base64.getDecoder().decode(value);
            return TypedValue.exact(value, Base64.getEncoder().encodeToString(decoded));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("\"" + value + "\" is not a valid binary (base64) value");
        }
    }

    private static TypedValue bool(String value) throws InvalidValueException {
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidValueException("\"" + value + "\" is not a valid boolean: only [true] or [false] are allowed");
        }
        return TypedValue.exact(value, value);
    }

    /** Elasticsearch coerces a decimal to a whole number by dropping its fraction. */
    private static String integer(String value, String type, long min, long max) throws InvalidValueException {
        if (!NUMBER.matcher(value).matches()) {
            throw notA(value, type);
        }
        BigInteger whole;
        try {
            whole = new BigDecimal(value).toBigInteger();
        } catch (NumberFormatException | ArithmeticException e) {
            throw notA(value, type);
        }
        if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidValueException("\"" + value + "\" is out of range for a " + type);
        }
        return whole.toString();
    }

    private static String floating(String value, String type, boolean single) throws InvalidValueException {
        if (!NUMBER.matcher(value).matches()) {
            throw notA(value, type);
        }
        double number = Double.parseDouble(value);
        if (single) {
            float narrowed = (float) number;
            if (Float.isInfinite(narrowed)) {
                throw new InvalidValueException("\"" + value + "\" is out of range for a " + type);
            }
            return new BigDecimal(Float.toString(narrowed)).stripTrailingZeros().toPlainString();
        }
        if (Double.isInfinite(number)) {
            throw new InvalidValueException("\"" + value + "\" is out of range for a " + type);
        }
        return new BigDecimal(Double.toString(number)).stripTrailingZeros().toPlainString();
    }

    /** Elasticsearch's default date format: strict_date_optional_time or epoch_millis; kept as an instant. */
    private static String date(String value, String type, boolean nanos) throws InvalidValueException {
        Instant instant;
        if (EPOCH_MILLIS.matcher(value).matches()) {
            try {
                instant = Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw notA(value, type);
            }
        } else {
            instant = isoInstant(value);
            if (instant == null) {
                throw notA(value, type);
            }
        }
        if (!nanos) {
            return Long.toString(instant.toEpochMilli());
        }
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static Instant isoInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset; try the forms without one, which are UTC
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a date-time without offset either
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static TypedValue dateRange(String value) throws InvalidValueException {
        int comma = value.indexOf(',');
        if (comma < 0) {
            String instant = date(value, "date_range", false);
            return TypedValue.exact(value, instant + "," + instant);
        }
        String low = date(value.substring(0, comma).strip(), "date_range", false);
        String high = date(value.substring(comma + 1).strip(), "date_range", false);
        if (Long.parseLong(low) > Long.parseLong(high)) {
            throw new InvalidValueException("\"" + value + "\" is not a valid date_range: its start is after its end");
        }
        return TypedValue.exact(value, low + "," + high);
    }

    private static TypedValue numberRange(String value, String type, Bound bound) throws InvalidValueException {
        Matcher range = NUMBER_RANGE.matcher(value);
        String low;
        String high;
        try {
            if (range.matches()) {
                low = bound.read(range.group(1).strip());
                high = bound.read(range.group(2).strip());
            } else {
                low = bound.read(value);
                high = low;
            }
        } catch (InvalidValueException e) {
            throw notA(value, type);
        }
        if (new BigDecimal(low).compareTo(new BigDecimal(high)) > 0) {
            throw new InvalidValueException("\"" + value + "\" is not a valid " + type + ": its start is after its end");
        }
        return TypedValue.exact(value, low + "-" + high);
    }

    /** "lat,lon", a WKT POINT (lon lat), or a geohash. */
    private static TypedValue geoPoint(String value) throws InvalidValueException {
        Matcher latLon = GEO_POINT.matcher(value);
        Matcher point = WKT_POINT.matcher(value);
        double lat;
        double lon;
        try {
            if (latLon.matches()) {
                lat = Double.parseDouble(latLon.group(1));
                lon = Double.parseDouble(latLon.group(2));
            } else if (point.matches()) {
                lon = Double.parseDouble(point.group(1));
                lat = Double.parseDouble(point.group(2));
            } else if (GEOHASH.matcher(value).matches()) {
                return TypedValue.exact(value, value);
            } else {
                throw notA(value, "geo_point");
            }
        } catch (NumberFormatException e) {
            throw notA(value, "geo_point");
        }
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw new InvalidValueException("\"" + value + "\" is not a valid geo_point: latitude must be within"
                    + " [-90, 90] and longitude within [-180, 180]");
        }
        return TypedValue.exact(value, BigDecimal.valueOf(lat).stripTrailingZeros().toPlainString() + ","
                + BigDecimal.valueOf(lon).stripTrailingZeros().toPlainString());
    }

    /** Well-known text with balanced parentheses; compared with its words upper-cased and its spacing collapsed. */
    private static TypedValue shape(String value, String type) throws InvalidValueException {
        if (!WKT.matcher(value).matches() || !balanced(value)) {
            throw new InvalidValueException("\"" + value + "\" is not a valid " + type + ": expected well-known text"
                    + " such as POINT (30 10) or POLYGON ((30 10, 40 40, 20 40, 10 20, 30 10))");
        }
        String key = value.toUpperCase(Locale.ROOT).replaceAll("\\s*([(),])\\s*", "$1").replaceAll("\\s+", " ");
        return TypedValue.exact(value, key);
    }

    private static boolean balanced(String value) {
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static InvalidValueException notA(String value, String type) {
        return new InvalidValueException("\"" + value + "\" is not a valid " + type);
    }

    @FunctionalInterface
    private interface Bound {
        String read(String bound) throws InvalidValueException;
    }
}
