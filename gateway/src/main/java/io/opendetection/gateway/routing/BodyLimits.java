package io.opendetection.gateway.routing;

/**
 * How large a request body may be. Imports carry whole rule or exception files, so they get their
 * own, much larger limit.
 */
public record BodyLimits(long maxBodyBytes, long maxImportBytes) {

    public long limitFor(String apiPath) {
        return apiPath.endsWith("/_import") ? maxImportBytes : maxBodyBytes;
    }
}
