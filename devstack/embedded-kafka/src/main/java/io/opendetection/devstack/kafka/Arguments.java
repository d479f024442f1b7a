package io.opendetection.devstack.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} pairs; an unknown, repeated or value-less name is a usage error. */
final class Arguments {

    /** Thrown for any malformed command line; the caller prints the usage line and exits with 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();

    Arguments(String[] args, Set<String> known) throws UsageException {
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown argument " + name);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("missing value for " + name);
            }
            if (values.put(name.substring(2), args[i + 1]) != null) {
                throw new UsageException("repeated argument " + name);
            }
        }
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) throws UsageException {
        return optional(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    int requiredInt(String name) throws UsageException {
        return parseInt(name, required(name));
    }

    int optionalInt(String name, int defaultValue) throws UsageException {
        return values.containsKey(name) ? parseInt(name, values.get(name)) : defaultValue;
    }

    private static int parseInt(String name, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got " + value);
        }
    }
}
