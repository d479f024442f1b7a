package io.opendetection.gateway.space;

import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.gateway.http.Rejection;

import java.util.regex.Pattern;

/**
 * A request path split into the space it addresses and the path a service serves:
 * {@code /s/{space}/api/...} addresses {@code space}, a bare {@code /api/...} the default space.
 */
public record SpacePath(String space, String apiPath) {
    private static final String PREFIX = "/s/";
    /** Kibana's own rule for space ids. */
    private static final Pattern SPACE_ID = Pattern.compile("[a-z0-9_-]+");

    public static SpacePath parse(String path) {
        if (!path.startsWith(PREFIX)) {
            return new SpacePath(CallerToken.DEFAULT_SPACE, path);
        }
        int end = path.indexOf('/', PREFIX.length());
        String space = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
        if (!SPACE_ID.matcher(space).matches()) {
            throw new Rejection(400, "Invalid space id \"" + space
                    + "\": a space id may contain only lowercase letters a-z, digits 0-9, '_' and '-'");
        }
        return new SpacePath(space, end < 0 ? "/" : path.substring(end));
    }
}
