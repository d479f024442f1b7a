package io.opendetection.devstack.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs; any name outside the known set, or a name without a value, is a usage error. */
final class Arguments {

    /** Thrown for any malformed command line; the caller prints the usage line and exits with 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Arguments(String[] args, Set<String> known) throws UsageException {
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown argument " + name);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("missing value for " + name);
            }
            values.computeIfAbsent(name.substring(2), n -> new ArrayList<>()).add(args[i + 1]);
        }
    }

    String required(String name) throws UsageException {
        List<String> given = all(name);
        if (given.size() != 1) {
            throw new UsageException("--" + name + " is required exactly once");
        }
        return given.get(0);
    }

    int requiredInt(String name) throws UsageException {
        String value = required(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got " + value);
        }
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
