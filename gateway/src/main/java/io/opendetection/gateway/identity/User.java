package io.opendetection.gateway.identity;

import java.util.List;

/** A row of the gateway's user store, as far as authentication needs it. */
public record User(String username, String passwordHash, List<String> roles, boolean enabled) {
}
