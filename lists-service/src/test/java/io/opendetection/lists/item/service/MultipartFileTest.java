package io.opendetection.lists.item.service;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultipartFileTest {
    private static final String BOUNDARY = "----b0undary";

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most a few bytes per read, as a network does, so delimiters straddle reads. */
    private static InputStream trickling(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void readsTheBoundaryFromTheContentType() {
        assertEquals("abc", MultipartFile.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b", MultipartFile.boundary("multipart/form-data; boundary=\"a b\"; charset=utf-8"));
        assertNull(MultipartFile.boundary("application/json"));
        assertNull(MultipartFile.boundary(null));
    }

    @Test
    void findsTheFilePartAmongOthers() throws IOException {
        String multipart = """
                --%1$s
                Content-Disposition: form-data; name="note"

                not the file
                --%1$s
                Content-Disposition: form-data; name="file"; filename="ips.txt"
                Content-Type: text/plain

                127.0.0.1
                10.0.0.1
                --%1$s--
                """.formatted(BOUNDARY);

        MultipartFile file = MultipartFile.open(trickling(body(multipart)), BOUNDARY);

        assertEquals("ips.txt", file.fileName());
        assertEquals("127.0.0.1\r\n10.0.0.1", new String(file.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aBodyWithoutAFilePartHasNone() throws IOException {
        String multipart = """
                --%1$s
                Content-Disposition: form-data; name="other"

                x
                --%1$s--
                """.formatted(BOUNDARY);

        assertNull(MultipartFile.open(body(multipart), BOUNDARY));
    }

    @Test
    void aBodyCutOffInsideTheFileFails() throws IOException {
        String multipart = """
                --%1$s
                Content-Disposition: form-data; name="file"; filename="ips.txt"

                127.0.0.1
                10.0.0""".formatted(BOUNDARY);

        MultipartFile file = MultipartFile.open(body(multipart), BOUNDARY);

        assertThrows(MultipartFile.MalformedMultipartException.class, file::readAllBytes);
    }

    @Test
    void contentLargerThanTheWindowPassesThroughWhole() throws IOException {
        String values = "192.168.100.200\n".repeat(20_000);
        String multipart = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n"
                + values + "\r\n--" + BOUNDARY + "--\r\n";

        MultipartFile file = MultipartFile.open(new ByteArrayInputStream(multipart.getBytes(StandardCharsets.UTF_8)), BOUNDARY);

        assertEquals(values, new String(file.readAllBytes(), StandardCharsets.UTF_8));
    }
}
