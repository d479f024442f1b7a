package io.opendetection.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KqlSyntaxErrorTest {

    private static KqlSyntaxException error(String query) {
        return assertThrows(KqlSyntaxException.class, () -> KqlParser.parse(query));
    }

    @Test
    void unclosedParenthesis() {
        KqlSyntaxException e = error("a: 1 and (b: 2");
        assertEquals(14, e.offset());
        assertEquals(15, e.column());
        assertEquals("end of input", e.found());
        assertEquals(List.of("\")\"", "AND", "OR", "whitespace"), e.expected());
        assertTrue(e.getMessage().startsWith(
                "Expected \")\", AND, OR or whitespace but end of input found at line 1, column 15 (offset 14)."),
                e.getMessage());
    }

    @Test
    void missingValueBeforeClosingBrace() {
        KqlSyntaxException e = error("items: { name: }");
        assertEquals(15, e.offset());
        assertEquals("\"}\"", e.found());
        assertEquals(List.of("\"(\"", "\"{\"", "value", "whitespace"), e.expected());
        assertTrue(e.getMessage().endsWith("items: { name: }\n---------------^"), e.getMessage());
    }

    @Test
    void missingRangeBound() {
        KqlSyntaxException e = error("bytes >");
        assertEquals(7, e.offset());
        assertEquals(List.of("literal", "whitespace"), e.expected());
    }

    @Test
    void positionOnALaterLine() {
        KqlSyntaxException e = error("a: 1 and\nb: (2 or");
        assertEquals(2, e.line());
        assertEquals(9, e.column());
    }

    @Test
    void operatorWithoutOperand() {
        KqlSyntaxException e = error("a: 1 or (");
        assertEquals(9, e.offset());
        assertEquals("end of input", e.found());
    }

    @Test
    void strayBackslash() {
        KqlSyntaxException e = error("path: C:\\x");
        assertEquals(7, e.offset());
        assertEquals("\":\"", e.found());
    }
}
