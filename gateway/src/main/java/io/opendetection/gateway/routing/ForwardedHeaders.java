package io.opendetection.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1, plus any the
 * {@code Connection} header names) belong to one connection and never cross. Towards a service the
 * caller's own credentials and cookies stay behind: the caller token replaces them.
 */
public final class ForwardedHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    /** Set again by the gateway itself, or not meant for a service at all. */
    private static final Set<String> NOT_TO_SERVICE = Set.of("authorization", "cookie", "host", "content-length",
            "expect", "x-forwarded-proto", "x-forwarded-host");

    private ForwardedHeaders() {
    }

    /**
     * The headers a service receives.
     *
     * @param clientAddress the caller's IP address, appended to {@code X-Forwarded-For}
     * @param scheme        how the caller reached the gateway ({@code http} or {@code https})
     * @param host          the {@code Host} the caller asked for
     */
    public static MultiMap toService(MultiMap incoming, String callerToken, String clientAddress, String scheme,
                                     String host) {
        Set<String> dropped = dropped(incoming);
        dropped.addAll(NOT_TO_SERVICE);
        MultiMap outgoing = MultiMap.caseInsensitiveMultiMap();
        copy(incoming, outgoing, dropped);
        String forwardedFor = incoming.get("x-forwarded-for");
        outgoing.set("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        outgoing.set("X-Forwarded-Proto", scheme);
        if (host != null) {
            outgoing.set("X-Forwarded-Host", host);
        }
        outgoing.set(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken);
        return outgoing;
    }

    /** Copies a service's answer headers onto the caller's response. */
    public static void toCaller(MultiMap fromService, MultiMap toCaller) {
        copy(fromService, toCaller, dropped(fromService));
    }

    private static Set<String> dropped(MultiMap headers) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connection.split(",")) {
                dropped.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return dropped;
    }

    private static void copy(MultiMap from, MultiMap to, Set<String> dropped) {
        for (Map.Entry<String, String> header : from) {
            if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }
}
