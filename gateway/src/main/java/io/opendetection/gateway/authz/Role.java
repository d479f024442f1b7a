package io.opendetection.gateway.authz;

/** A role by its name. */
public record Role(String name, RoleDescriptor descriptor) {
}
