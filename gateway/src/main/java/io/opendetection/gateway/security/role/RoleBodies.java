package io.opendetection.gateway.security.role;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.gateway.authz.KibanaFeatures;
import io.opendetection.gateway.authz.Role;
import io.opendetection.gateway.authz.RoleDescriptor;
import io.opendetection.gateway.authz.RoleDescriptor.IndexPrivileges;
import io.opendetection.gateway.authz.RoleDescriptor.KibanaPrivileges;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.opendetection.gateway.security.BodyFields.array;
import static io.opendetection.gateway.security.BodyFields.invalid;
import static io.opendetection.gateway.security.BodyFields.metadata;
import static io.opendetection.gateway.security.BodyFields.object;
import static io.opendetection.gateway.security.BodyFields.onlyKeys;
import static io.opendetection.gateway.security.BodyFields.strings;

/**
 * Role bodies in and out: Kibana's ({@code PUT /api/security/role/{name}}) and Elasticsearch's role
 * descriptors (an API key's {@code role_descriptors}, whose Kibana privileges are application
 * privileges of {@code kibana-.kibana}).
 */
public final class RoleBodies {
    private static final Pattern SPACE = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern PRIVILEGE = Pattern.compile("[a-z][a-z0-9_:*/.-]*");
    private static final String KIBANA_APPLICATION = "kibana-.kibana";

    private RoleBodies() {
    }

    /** Kibana's role body: {@code {metadata, elasticsearch:{cluster, indices, run_as}, kibana:[...]}}. */
    public static RoleDescriptor fromKibana(JsonNode body, String path) {
        JsonNode root = object(body, path, true);
        onlyKeys(root, path, Set.of("metadata", "elasticsearch", "kibana", "transient_metadata", "description"));
        String esPath = path + ".elasticsearch";
        JsonNode es = object(root.path("elasticsearch"), esPath, false);
        onlyKeys(es, esPath, Set.of("cluster", "indices", "run_as", "remote_indices", "remote_cluster"));
        List<KibanaPrivileges> kibana = new ArrayList<>();
        JsonNode entries = array(root, "kibana", path);
        for (int i = 0; i < entries.size(); i++) {
            kibana.add(kibanaEntry(entries.get(i), path + ".kibana." + i));
        }
        return new RoleDescriptor(new RoleDescriptor.Elasticsearch(privileges(es, "cluster", esPath),
                indices(es, esPath), strings(es, "run_as", esPath, false)), kibana, metadata(root, path));
    }

    /**
     * An Elasticsearch role descriptor: {@code {cluster, indices, applications, run_as, metadata}};
     * {@code kibana} in Kibana's own form is accepted too.
     */
    public static RoleDescriptor fromElasticsearch(JsonNode body, String path) {
        JsonNode root = object(body, path, true);
        onlyKeys(root, path, Set.of("cluster", "indices", "applications", "run_as", "metadata", "kibana",
                "description"));
        List<KibanaPrivileges> kibana = new ArrayList<>();
        JsonNode applications = array(root, "applications", path);
        for (int i = 0; i < applications.size(); i++) {
            String here = path + ".applications." + i;
            JsonNode application = object(applications.get(i), here, true);
            onlyKeys(application, here, Set.of("application", "privileges", "resources"));
            if (KIBANA_APPLICATION.equals(application.path("application").asText())) {
                kibana.add(fromApplication(strings(application, "privileges", here, true),
                        strings(application, "resources", here, true), here));
            }
        }
        JsonNode own = array(root, "kibana", path);
        for (int i = 0; i < own.size(); i++) {
            kibana.add(kibanaEntry(own.get(i), path + ".kibana." + i));
        }
        return new RoleDescriptor(new RoleDescriptor.Elasticsearch(privileges(root, "cluster", path),
                indices(root, path), strings(root, "run_as", path, false)), kibana, metadata(root, path));
    }

    /** Kibana's answer for a role. */
    public static Map<String, Object> toKibana(Role role) {
        RoleDescriptor descriptor = role.descriptor();
        Map<String, Object> elasticsearch = new LinkedHashMap<>();
        elasticsearch.put("cluster", descriptor.elasticsearch().cluster());
        elasticsearch.put("indices", descriptor.elasticsearch().indices());
        elasticsearch.put("run_as", descriptor.elasticsearch().runAs());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", role.name());
        body.put("metadata", descriptor.metadata());
        body.put("transient_metadata", Map.of("enabled", true));
        body.put("elasticsearch", elasticsearch);
        body.put("kibana", descriptor.kibana());
        body.put("_transform_error", List.of());
        body.put("_unrecognized_applications", List.of());
        return body;
    }

    private static KibanaPrivileges kibanaEntry(JsonNode node, String path) {
        JsonNode entry = object(node, path, true);
        onlyKeys(entry, path, Set.of("base", "feature", "spaces"));
        List<String> base = strings(entry, "base", path, false);
        for (int i = 0; i < base.size(); i++) {
            if (!KibanaFeatures.isBasePrivilege(base.get(i))) {
                throw invalid(path + ".base." + i, "unknown base privilege [" + base.get(i)
                        + "], expected [all] or [read]");
            }
        }
        Map<String, List<String>> features = new LinkedHashMap<>();
        JsonNode feature = object(entry.path("feature"), path + ".feature", false);
        for (Iterator<String> ids = feature.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            List<String> granted = strings(feature, id, path + ".feature", true);
            for (int i = 0; i < granted.size(); i++) {
                String privilege = granted.get(i);
                String where = path + ".feature." + id + "." + i;
                KibanaFeatures.invalidFeaturePrivilege(id, privilege).ifPresent(message -> {
                    throw invalid(where, message);
                });
            }
            features.put(id, granted);
        }
        List<String> spaces = entry.has("spaces") ? strings(entry, "spaces", path, false) : List.of("*");
        for (int i = 0; i < spaces.size(); i++) {
            if (!spaces.get(i).equals("*") && !SPACE.matcher(spaces.get(i)).matches()) {
                throw invalid(path + ".spaces." + i, "invalid space id [" + spaces.get(i) + "]");
            }
        }
        if (spaces.contains("*") && spaces.size() > 1) {
            throw invalid(path + ".spaces", "[*] cannot be combined with other spaces");
        }
        return new KibanaPrivileges(base, features, spaces);
    }

    /** {@code all}, {@code read}, {@code space_all}, {@code space_read}, {@code feature_<id>.<privilege>}. */
    private static KibanaPrivileges fromApplication(List<String> privileges, List<String> resources, String path) {
        List<String> base = new ArrayList<>();
        Map<String, List<String>> features = new LinkedHashMap<>();
        for (String privilege : privileges) {
            if (privilege.equals("all") || privilege.equals("space_all")) {
                base.add("all");
            } else if (privilege.equals("read") || privilege.equals("space_read")) {
                base.add("read");
            } else if (privilege.startsWith("feature_") && privilege.contains(".")) {
                String feature = privilege.substring("feature_".length(), privilege.indexOf('.'));
                String name = privilege.substring(privilege.indexOf('.') + 1);
                features.computeIfAbsent(feature, ignored -> new ArrayList<>()).add(name);
            } else {
                throw invalid(path + ".privileges", "unknown Kibana application privilege [" + privilege + "]");
            }
        }
        List<String> spaces = new ArrayList<>();
        for (String resource : resources) {
            if (resource.equals("*")) {
                spaces.add("*");
            } else if (resource.startsWith("space:") && SPACE.matcher(resource.substring(6)).matches()) {
                spaces.add(resource.substring(6));
            } else {
                throw invalid(path + ".resources", "unknown Kibana resource [" + resource + "]");
            }
        }
        return new KibanaPrivileges(base, features, spaces.contains("*") ? List.of("*") : spaces);
    }

    private static List<IndexPrivileges> indices(JsonNode object, String path) {
        JsonNode indices = array(object, "indices", path);
        List<IndexPrivileges> result = new ArrayList<>();
        for (int i = 0; i < indices.size(); i++) {
            String here = path + ".indices." + i;
            JsonNode entry = object(indices.get(i), here, true);
            onlyKeys(entry, here, Set.of("names", "privileges", "field_security", "query", "allow_restricted_indices"));
            List<String> names = strings(entry, "names", here, true);
            if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
                throw invalid(here + ".names", "expected at least one non-empty index name or pattern");
            }
            List<String> privileges = privileges(entry, "privileges", here);
            if (privileges.isEmpty()) {
                throw invalid(here + ".privileges", "expected at least one privilege");
            }
            result.add(new IndexPrivileges(names, privileges));
        }
        return result;
    }

    private static List<String> privileges(JsonNode object, String key, String path) {
        List<String> privileges = strings(object, key, path, false);
        for (int i = 0; i < privileges.size(); i++) {
            if (!PRIVILEGE.matcher(privileges.get(i)).matches()) {
                throw invalid(path + "." + key + "." + i, "invalid privilege [" + privileges.get(i) + "]");
            }
        }
        return privileges;
    }
}
