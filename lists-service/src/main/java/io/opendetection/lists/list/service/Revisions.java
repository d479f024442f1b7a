package io.opendetection.lists.list.service;

import io.opendetection.common.errors.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code _version} of lists and items: base64 of {@code [revision,1]}, the shape of Kibana's
 * (Elasticsearch's {@code [seq_no,primary_term]}), bumped on every change, so a client sending
 * back the one it read is told when someone changed the document since.
 */
public final class Revisions {
    private Revisions() {
    }

    public static String versionId(int revision) {
        return Base64.getEncoder().encodeToString(("[" + revision + ",1]").getBytes(StandardCharsets.UTF_8));
    }

    /** The revision a version id stands for; -1 when it is not one of ours. */
    public static int revision(String versionId) {
        try {
            String text = new String(Base64.getDecoder().decode(versionId), StandardCharsets.UTF_8);
            if (text.startsWith("[") && text.endsWith(",1]")) {
                return Integer.parseInt(text.substring(1, text.length() - 3));
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not a number: not a version we gave out
        }
        return -1;
    }

    /** The 409 Elasticsearch answers when the version given is not the document's current one. */
    public static ApiException conflict(String id, String given, int current) {
        return ApiException.conflict("[" + id + "]: version conflict, required seqNo ["
                + Math.max(revision(given), 0) + "], primary term [1]. current document has seqNo [" + current
                + "] and primary term [1]");
    }
}
