package io.opendetection.rules.rule.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Whether a text is an Elasticsearch date-math expression as Kibana's datemath parses it
 * ({@code now-6m}, {@code now/d}, {@code 2024-01-01||+1d}): a rule's {@code from} must be one.
 */
public final class DateMath {
    private static final String UNITS = "yMwdhHms";
    /** Kibana's parser gives up on a number that runs past the tenth character of the math part. */
    private static final int MAX_NUMBER_END = 10;

    private DateMath() {
    }

    public static boolean isValid(String text) {
        String math;
        if (text.startsWith("now")) {
            math = text.substring(3);
        } else {
            int anchorEnd = text.indexOf("||");
            if (!isDate(anchorEnd < 0 ? text : text.substring(0, anchorEnd))) {
                return false;
            }
            math = anchorEnd < 0 ? "" : text.substring(anchorEnd + 2);
        }
        return isValidMath(math);
    }

    private static boolean isValidMath(String math) {
        int i = 0;
        while (i < math.length()) {
            char type = math.charAt(i++);
            if (type != '/' && type != '+' && type != '-') {
                return false;
            }
            if (type != '/' && i < math.length() && Character.isDigit(math.charAt(i))) {
                while (i < math.length() && Character.isDigit(math.charAt(i))) {
                    i++;
                    if (i > MAX_NUMBER_END) {
                        return false;
                    }
                }
            }
            if (i >= math.length() || UNITS.indexOf(math.charAt(i)) < 0) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static boolean isDate(String text) {
        for (java.util.function.Consumer<String> parser : java.util.List.<java.util.function.Consumer<String>>of(
                Instant::parse, OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
            try {
                parser.accept(text);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }
}
