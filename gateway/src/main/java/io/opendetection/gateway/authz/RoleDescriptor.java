package io.opendetection.gateway.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * What a role grants, in Kibana's role body: Elasticsearch cluster and index privileges, and Kibana
 * privileges per space. Stored as is; {@link KibanaFeatures} reads the Kibana part.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleDescriptor(Elasticsearch elasticsearch, List<KibanaPrivileges> kibana, Map<String, Object> metadata) {

    public RoleDescriptor {
        elasticsearch = elasticsearch == null ? new Elasticsearch(List.of(), List.of(), List.of()) : elasticsearch;
        kibana = kibana == null ? List.of() : List.copyOf(kibana);
        metadata = metadata == null ? Map.of() : metadata;
    }

    public record Elasticsearch(List<String> cluster, List<IndexPrivileges> indices,
                                @JsonProperty("run_as") List<String> runAs) {
        public Elasticsearch {
            cluster = cluster == null ? List.of() : List.copyOf(cluster);
            indices = indices == null ? List.of() : List.copyOf(indices);
            runAs = runAs == null ? List.of() : List.copyOf(runAs);
        }
    }

    /** Index patterns ({@code logs-*}) and what may be done on the indices they match. */
    public record IndexPrivileges(List<String> names, List<String> privileges) {
        public IndexPrivileges {
            names = List.copyOf(names);
            privileges = List.copyOf(privileges);
        }
    }

    /** One entry of {@code kibana[]}: base privileges or feature privileges, in the listed spaces ({@code *} = all). */
    public record KibanaPrivileges(List<String> base, Map<String, List<String>> feature, List<String> spaces) {
        public KibanaPrivileges {
            base = base == null ? List.of() : List.copyOf(base);
            feature = feature == null ? Map.of() : Map.copyOf(feature);
            spaces = spaces == null ? List.of() : List.copyOf(spaces);
        }

        boolean appliesTo(String space) {
            return spaces.contains("*") || spaces.contains(space);
        }
    }
}
