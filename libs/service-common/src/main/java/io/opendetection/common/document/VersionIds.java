package io.opendetection.common.document;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code _version} of a document. Kibana's is base64 of Elasticsearch's
 * {@code [seq_no,primary_term]}; ours is base64 of {@code [revision,1]}, the same shape, so
 * clients that pass it back keep working.
 */
public final class VersionIds {
    private VersionIds() {
    }

    /** The version of a document just created. */
    public static String initial() {
        return Base64.getEncoder().encodeToString("[0,1]".getBytes(StandardCharsets.UTF_8));
    }
}
