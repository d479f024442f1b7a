package io.opendetection.devstack.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} pairs. A name outside the known set, a name without a value, and a repeated name
 * read as a single value are usage errors; {@link #all} reads the names that may repeat.
 */
public final class Arguments {

    /** Thrown for any malformed command line; {@link EmbeddedMain} prints the usage line and exits with 2. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, List<String>> values = new HashMap<>();

    public Arguments(String[] args, Set<String> known) throws UsageException {
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

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Optional<String> optional(String name) throws UsageException {
        List<String> given = all(name);
        if (given.size() > 1) {
            throw new UsageException("repeated argument --" + name);
        }
        return given.stream().findFirst();
    }

    public String required(String name) throws UsageException {
        return optional(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    public int requiredInt(String name) throws UsageException {
        return parseInt(name, required(name));
    }

    public int optionalInt(String name, int defaultValue) throws UsageException {
        Optional<String> value = optional(name);
        return value.isPresent() ? parseInt(name, value.get()) : defaultValue;
    }

    private static int parseInt(String name, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got " + value);
        }
    }
}
