package io.opendetection.lists.item.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that fails the request with Kibana's 413 once it grows past the limit. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream body, long limit) {
        super(body);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        int read = super.read(target, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    private void counted(int read) {
        count += read;
        if (count > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }
}
