package io.opendetection.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials of an {@code Authorization} header in the form both Basic and ApiKey use:
 * {@code base64(name:secret)}. Empty when they are not in that form (the caller gets a 401).
 */
public record ColonCredentials(String name, String secret) {

    public static Optional<ColonCredentials> decode(String base64) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ColonCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
