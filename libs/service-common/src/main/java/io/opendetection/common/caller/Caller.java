package io.opendetection.common.caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.auth.ClusterPrivileges;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Set;

/** Who is calling and in which space, from the token the gateway signed for this request. */
@RequestScoped
public class Caller {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JsonWebToken token;

    public String user() {
        return token.getName();
    }

    public Set<String> roles() {
        return token.getGroups();
    }

    /** The Kibana space the request addresses ({@code default} when the gateway saw no /s/ prefix). */
    public String space() {
        String space = token.getClaim(CallerToken.SPACE_CLAIM);
        return space == null || space.isBlank() ? CallerToken.DEFAULT_SPACE : space;
    }

    /**
     * The caller's Elasticsearch index privileges, layers of {@code {names, privileges}} as
     * {@link CallerToken#INDEX_PRIVILEGES_CLAIM} describes them; null when the token carries none.
     */
    public JsonNode indexPrivileges() {
        Object claim = token.getClaim(CallerToken.INDEX_PRIVILEGES_CLAIM);
        if (claim == null) {
            return null;
        }
        try {
            // SmallRye hands non-standard claims over as jakarta.json values, whose text is JSON.
            return claim instanceof JsonValue json ? JSON.readTree(json.toString()) : JSON.valueToTree(claim);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the caller token's index privileges are not JSON", e);
        }
    }

    /**
     * The caller's privilege in this space for one area ({@code rules}, {@code alerts},
     * {@code exceptions}, {@code lists}): {@code all}, {@code read} or {@code none} (also when the
     * token says nothing of it).
     */
    public String featurePrivilege(String area) {
        Object claim = token.getClaim(CallerToken.PRIVILEGES_CLAIM);
        if (claim instanceof JsonObject features && features.get(area) instanceof JsonString level) {
            return level.getString();
        }
        return "none";
    }

    /** The caller's Elasticsearch cluster privileges (none when the token carries none). */
    public ClusterPrivileges clusterPrivileges() {
        Object claim = token.getClaim(CallerToken.CLUSTER_PRIVILEGES_CLAIM);
        if (!(claim instanceof JsonArray layers)) {
            return new ClusterPrivileges(List.of());
        }
        return new ClusterPrivileges(layers.stream()
                .map(layer -> layer.getValueType() == JsonValue.ValueType.ARRAY
                        ? layer.asJsonArray().getValuesAs(JsonString::getString) : List.<String>of())
                .toList());
    }
}
