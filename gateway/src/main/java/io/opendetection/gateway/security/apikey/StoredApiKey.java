package io.opendetection.gateway.security.apikey;

import io.opendetection.gateway.authz.Role;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A row of {@code api_keys}.
 *
 * @param limitedBy       the owner's privileges when the key was created, as layers of roles
 * @param roleDescriptors the narrowing asked for at creation; empty for none
 */
record StoredApiKey(String id, String name, String owner, byte[] secretSalt, byte[] secretHash,
                    List<List<Role>> limitedBy, List<Role> roleDescriptors, Map<String, Object> metadata,
                    Instant createdAt, Instant expiresAt, Instant invalidatedAt) {

    boolean usableAt(Instant now) {
        return invalidatedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
