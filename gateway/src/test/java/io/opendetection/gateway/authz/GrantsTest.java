package io.opendetection.gateway.authz;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrantsTest {

    @Test
    void theSecurityFeatureUnderEveryIdGrantsEveryAreaInItsSpacesOnly() {
        for (String feature : List.of("siem", "siemV2", "siemV3", "siemV4", "siemV5")) {
            Grants grants = Grants.of(List.of(role("r", List.of(), Map.of(feature, List.of("read")), List.of("a"))));
            for (Area area : Area.values()) {
                assertEquals(Level.READ, grants.level("a", area), feature + " " + area);
                assertEquals(Level.NONE, grants.level("b", area), feature + " " + area);
            }
        }
    }

    @Test
    void subFeaturePrivilegesGrantOneAreaAndRolesAddUp() {
        Grants grants = Grants.of(List.of(
                role("rules", List.of(), Map.of("siem", List.of("read")), List.of("*")),
                role("exceptions", List.of(), Map.of("siem", List.of("exceptions_all")), List.of("*"))));
        assertEquals(Level.READ, grants.level("default", Area.RULES));
        assertEquals(Level.ALL, grants.level("default", Area.EXCEPTIONS));
        assertEquals(Level.READ, grants.level("any", Area.LISTS));
    }

    @Test
    void basePrivilegesCoverEveryAreaAndOtherFeaturesNone() {
        Grants all = Grants.of(List.of(role("r", List.of("all"), Map.of(), List.of("*"))));
        Grants discover = Grants.of(List.of(role("r", List.of(), Map.of("discover", List.of("all")), List.of("*"))));
        Grants rulesFeature = Grants.of(List.of(
                role("r", List.of(), Map.of("securitySolutionRulesV2", List.of("all")), List.of("*"))));
        for (Area area : Area.values()) {
            assertEquals(Level.ALL, all.level("x", area));
            assertEquals(Level.NONE, discover.level("x", area));
        }
        assertEquals(Level.ALL, rulesFeature.level("x", Area.RULES));
        assertEquals(Level.ALL, rulesFeature.level("x", Area.LISTS));
        assertEquals(Level.NONE, rulesFeature.level("x", Area.ALERTS));
    }

    @Test
    void aNarrowingLayerCanOnlyTakeAway() {
        Grants owner = Grants.of(List.of(role("owner", List.of(), Map.of("siem", List.of("all")), List.of("a"))));
        Grants narrowed = owner.narrowedBy(List.of(role("key", List.of(), Map.of("siem", List.of("read")), List.of("*"))));
        assertEquals(Level.READ, narrowed.level("a", Area.RULES));
        assertEquals(Level.NONE, narrowed.level("b", Area.RULES), "the key's wider spaces do not widen the owner's");
        assertEquals(owner, owner.narrowedBy(List.of()));
        assertEquals(2, narrowed.indexLayers().size());
    }

    @Test
    void clusterPrivilegesMustHoldInEveryLayer() {
        Grants superuser = Grants.of(List.of(ReservedRoles.find("superuser").orElseThrow()));
        assertTrue(superuser.canManageSecurity());
        assertTrue(superuser.canManageOwnApiKeys());
        Grants keyWithoutCluster = superuser.narrowedBy(List.of(role("k", List.of("all"), Map.of(), List.of("*"))));
        assertFalse(keyWithoutCluster.canManageSecurity());
        Grants viewer = Grants.of(List.of(ReservedRoles.find("viewer").orElseThrow()));
        assertFalse(viewer.canManageSecurity());
        assertFalse(viewer.canManageOwnApiKeys());
        assertFalse(new Grants(List.of()).canManageOwnApiKeys());
        for (Area area : Area.values()) {
            assertEquals(Level.NONE, new Grants(List.of()).level("default", area));
        }
    }

    @Test
    void unknownPrivilegesOfOurFeaturesAreRefusedAndOthersPass() {
        assertTrue(KibanaFeatures.invalidFeaturePrivilege("siem", "write").isPresent());
        assertTrue(KibanaFeatures.invalidFeaturePrivilege("securitySolutionRulesV1", "rules_all").isPresent());
        assertFalse(KibanaFeatures.invalidFeaturePrivilege("siemV3", "minimal_read").isPresent());
        assertFalse(KibanaFeatures.invalidFeaturePrivilege("siem", "lists_read").isPresent());
        assertFalse(KibanaFeatures.invalidFeaturePrivilege("dashboard_v2", "url_create").isPresent());
    }

    static Role role(String name, List<String> base, Map<String, List<String>> features, List<String> spaces) {
        return new Role(name, new RoleDescriptor(
                new RoleDescriptor.Elasticsearch(List.of(), List.of(
                        new RoleDescriptor.IndexPrivileges(List.of("logs-*"), List.of("read"))), List.of()),
                List.of(new RoleDescriptor.KibanaPrivileges(base, features, spaces)), Map.of()));
    }
}
