package io.opendetection.devstack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opendetection.devstack.embedded.Arguments.UsageException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final Set<String> KNOWN = Set.of("port", "data-dir", "role", "partitions");

    @Test
    void readsNamedValues() throws UsageException {
        Arguments arguments = parse("--port", "5432", "--data-dir", "/tmp/pg", "--role", "a:1", "--role", "b:2");

        assertEquals(5432, arguments.requiredInt("port"));
        assertEquals("/tmp/pg", arguments.required("data-dir"));
        assertEquals(List.of("a:1", "b:2"), arguments.all("role"));
    }

    @Test
    void absentOptionalValuesFallBack() throws UsageException {
        Arguments arguments = parse("--port", "5432");

        assertEquals(Optional.empty(), arguments.optional("data-dir"));
        assertEquals(6, arguments.optionalInt("partitions", 6));
        assertEquals(List.of(), arguments.all("role"));
    }

    @Test
    void rejectsUnknownAndValuelessNames() {
        assertEquals("unknown argument --colour", usageError("--colour", "red"));
        assertEquals("unknown argument port", usageError("port", "5432"));
        assertEquals("missing value for --port", usageError("--port"));
    }

    @Test
    void rejectsMissingRepeatedAndNonIntegerSingleValues() throws UsageException {
        assertEquals("--port is required", assertThrows(UsageException.class,
                () -> parse("--data-dir", "/tmp").requiredInt("port")).getMessage());
        assertEquals("repeated argument --port", assertThrows(UsageException.class,
                () -> parse("--port", "1", "--port", "2").requiredInt("port")).getMessage());
        assertEquals("--partitions must be an integer, got six", assertThrows(UsageException.class,
                () -> parse("--partitions", "six").optionalInt("partitions", 6)).getMessage());
    }

    private static Arguments parse(String... args) throws UsageException {
        return new Arguments(args, KNOWN);
    }

    private static String usageError(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }
}
