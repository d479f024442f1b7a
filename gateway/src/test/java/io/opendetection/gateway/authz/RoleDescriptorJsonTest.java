package io.opendetection.gateway.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Roles and API key snapshots are stored as JSON: they must read back as they were written. */
class RoleDescriptorJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRoleReadsBackAsWritten() throws Exception {
        Role role = GrantsTest.role("r", List.of("read"), java.util.Map.of("siem", List.of("all")), List.of("a", "b"));
        String written = json.writeValueAsString(List.of(List.of(role)));
        assertEquals(List.of(List.of(role)), json.readValue(written,
                new com.fasterxml.jackson.core.type.TypeReference<List<List<Role>>>() { }));
        Role reserved = ReservedRoles.find("superuser").orElseThrow();
        assertEquals(reserved.descriptor(),
                json.readValue(json.writeValueAsString(reserved.descriptor()), RoleDescriptor.class));
    }
}
