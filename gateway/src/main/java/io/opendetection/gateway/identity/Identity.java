package io.opendetection.gateway.identity;

import io.opendetection.gateway.authz.Grants;

import java.util.Set;

/**
 * Who is calling and what they may do: what the gateway checks routes against and forwards to the
 * services in the caller token.
 *
 * @param roles  the names of the user's roles (for an API key, its owner's at the key's creation)
 * @param apiKey the key that authenticated the request, or null for a user's password
 */
public record Identity(String username, Set<String> roles, AuthenticationType authenticationType, Grants grants,
                       ApiKeyRef apiKey) {
    public Identity {
        roles = Set.copyOf(roles);
    }

    /** An API key by its public parts (never its secret). */
    public record ApiKeyRef(String id, String name) {
    }

    /** Whom rate limits and audit records count: the user, or the API key. */
    public String principal() {
        return apiKey == null ? "user:" + username : "api_key:" + apiKey.id();
    }
}
