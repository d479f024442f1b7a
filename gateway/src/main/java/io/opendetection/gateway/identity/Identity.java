package io.opendetection.gateway.identity;

import java.util.Set;

/** Who is calling: what the gateway forwards to the services in the caller token. */
public record Identity(String username, Set<String> roles, AuthenticationType authenticationType) {
    public Identity {
        roles = Set.copyOf(roles);
    }
}
