package io.opendetection.exceptions.document;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code _version} of a list or item: base64 of {@code [revision,1]}, the shape of
 * Kibana's (and of service-common's initial one). Each change stores the next revision, so a
 * client passing {@code _version} back is told when someone changed the document meanwhile.
 */
public final class Versions {
    private Versions() {
    }

    public static String of(int revision) {
        return Base64.getEncoder().encodeToString(("[" + revision + ",1]").getBytes(StandardCharsets.UTF_8));
    }

    /** The version after {@code versionId}; a stored id that does not decode starts over at 1. */
    public static String next(String versionId) {
        return of(revisionOf(versionId) + 1);
    }

    /** The revision a version id carries, or -1 when it is not one of ours. */
    public static int revisionOf(String versionId) {
        try {
            String decoded = new String(Base64.getDecoder().decode(versionId), StandardCharsets.UTF_8);
            if (!decoded.startsWith("[") || decoded.indexOf(',') < 0) {
                return -1;
            }
            return Integer.parseInt(decoded.substring(1, decoded.indexOf(',')).trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            return -1;
        }
    }
}
