package io.opendetection.gateway.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** A user as the security API shows and takes them (Elasticsearch's user body, without the password). */
public record UserProfile(String username, List<String> roles, @JsonProperty("full_name") String fullName,
                          String email, boolean enabled, Map<String, Object> metadata) {
    public UserProfile {
        roles = List.copyOf(roles);
        metadata = metadata == null ? Map.of() : metadata;
    }
}
