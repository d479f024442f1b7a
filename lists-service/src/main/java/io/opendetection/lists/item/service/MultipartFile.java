package io.opendetection.lists.item.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code file} part of a multipart/form-data body, read as it arrives: its file name, then its
 * content as a stream that ends where the part does. Nothing but a small window of the body is
 * ever held, whatever its size.
 */
public final class MultipartFile extends InputStream {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern FIELD_NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");
    private static final int WINDOW = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;

    private final InputStream body;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean partEnded;
    private String fileName;

    private MultipartFile(InputStream body, String boundary) {
        this.body = body;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[WINDOW + delimiter.length];
    }

    /** The boundary of a multipart Content-Type, or null when it has none. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        return !matcher.find() ? null : matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /**
     * Reads up to the start of the part named {@code file}; null when the body has none.
     *
     * @throws MalformedMultipartException when the body is not multipart as its Content-Type says
     */
    public static MultipartFile open(InputStream body, String boundary) throws IOException {
        MultipartFile reader = new MultipartFile(body, boundary);
        // the body starts with the first boundary line (no CRLF before it): pretend there was one
        reader.buffer[0] = '\r';
        reader.buffer[1] = '\n';
        reader.end = 2;
        reader.skipPart();
        while (reader.nextPart()) {
            String disposition = reader.readHeaders();
            Matcher name = FIELD_NAME.matcher(disposition);
            if (name.find() && name.group(1).equals("file")) {
                Matcher file = FILE_NAME.matcher(disposition);
                reader.fileName = file.find() ? file.group(1) : null;
                return reader;
            }
            reader.skipPart();
        }
        return null;
    }

    /** The file name the client gave the part, or null. */
    public String fileName() {
        return fileName;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (partEnded) {
            return -1;
        }
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                if (found == start) {
                    start += delimiter.length;
                    partEnded = true;
                    return -1;
                }
                return take(target, offset, Math.min(length, found - start));
            }
            // all but a possible beginning of the delimiter is content
            int safe = end - start - (delimiter.length - 1);
            if (safe > 0) {
                return take(target, offset, Math.min(length, safe));
            }
            if (!fill()) {
                throw new MalformedMultipartException("the multipart body ended inside the file part");
            }
        }
    }

    private int take(byte[] target, int offset, int count) {
        System.arraycopy(buffer, start, target, offset, count);
        start += count;
        return count;
    }

    /** After a delimiter: whether another part follows (rather than the closing "--"). */
    private boolean nextPart() throws IOException {
        while (end - start < 2) {
            if (!fill()) {
                return false;
            }
        }
        if (buffer[start] == '-' && buffer[start + 1] == '-') {
            return false;
        }
        return true;
    }

    /** The headers of the part that starts here (after its boundary), with the content-disposition returned. */
    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        String disposition = "";
        // the rest of the boundary line, then header lines up to an empty one
        readLine();
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                return disposition;
            }
            headers.append(line);
            if (headers.length() > MAX_HEADERS) {
                throw new MalformedMultipartException("the headers of a multipart part are too long");
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                disposition = line;
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (start == end && !fill()) {
                throw new MalformedMultipartException("the multipart body ended inside the headers of a part");
            }
            byte b = buffer[start++];
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
            if (line.length() > MAX_HEADERS) {
                throw new MalformedMultipartException("a header line of a multipart part is too long");
            }
        }
    }

    private void skipPart() throws IOException {
        byte[] discard = new byte[8192];
        partEnded = false;
        while (read(discard, 0, discard.length) >= 0) {
            // a part before or after the file is not ours to read
        }
        partEnded = false;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads more of the body into the window; false at its end. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            return true;
        }
        int read = body.read(buffer, end, buffer.length - end);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    /** A body that is not the multipart it claims to be. */
    public static class MalformedMultipartException extends IOException {
        public MalformedMultipartException(String message) {
            super(message);
        }
    }
}
