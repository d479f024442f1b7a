package io.opendetection.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.Locale;

/** What a request's headers say about its body, before any of it is read. */
public final class RequestBody {

    private RequestBody() {
    }

    /** The declared Content-Length, or -1 when there is none. */
    public static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw new Rejection(400, "Invalid Content-Length header");
        }
    }

    /** Whether the body comes in chunks of unannounced total length. */
    public static boolean chunked(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2 || chunked(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
    }

    public static boolean chunked(String transferEncoding) {
        return transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    static boolean expected(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return chunked(request) || length != null && !length.strip().equals("0");
    }
}
