package io.opendetection.gateway.security.apikey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.gateway.authz.Role;
import io.opendetection.gateway.http.Rejection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code api_keys} table of the gateway's schema. */
@ApplicationScoped
public class ApiKeyStore {
    private static final Logger LOG = Logger.getLogger(ApiKeyStore.class);
    private static final TypeReference<List<List<Role>>> LAYERS = new TypeReference<>() { };
    private static final TypeReference<List<Role>> ROLES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() { };
    private static final String COLUMNS = """
            SELECT id, name, owner, secret_salt, secret_hash, limited_by::text AS limited_by,
                role_descriptors::text AS role_descriptors, metadata::text AS metadata, created_at, expires_at,
                invalidated_at FROM api_keys""";
    /** Null parameters match everything. */
    private static final String FILTER = " WHERE ($1::text[] IS NULL OR id = ANY($1))"
            + " AND ($2::text IS NULL OR name = $2) AND ($3::text IS NULL OR owner = $3)";

    private final Pool pool;
    private final ObjectMapper json;

    @Inject
    ApiKeyStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    Uni<Void> insert(StoredApiKey key) {
        return pool.preparedQuery("""
                        INSERT INTO api_keys (id, name, owner, secret_salt, secret_hash, limited_by, role_descriptors,
                            metadata, created_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10)""")
                .execute(Tuple.from(new Object[] {key.id(), key.name(), key.owner(),
                        Buffer.buffer(key.secretSalt()),
                        Buffer.buffer(key.secretHash()),
                        write(key.limitedBy()), write(key.roleDescriptors()), write(key.metadata()),
                        utc(key.createdAt()), utc(key.expiresAt())}))
                .replaceWithVoid();
    }

    /** The key, or null when there is none by that id. */
    Uni<StoredApiKey> find(String id) {
        return pool.preparedQuery(COLUMNS + " WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> toKeys(rows).stream().findFirst().orElse(null))
                .onFailure().transform(failure -> {
                    LOG.warnf("The API key store cannot be read: %s", failure.getMessage());
                    return new Rejection(503, "The API key store is unavailable");
                });
    }

    /** Keys matching every non-null filter, newest first. */
    Uni<List<StoredApiKey>> list(List<String> ids, String name, String owner) {
        return pool.preparedQuery(COLUMNS + FILTER + " ORDER BY created_at DESC, id")
                .execute(Tuple.of(ids == null ? null : ids.toArray(String[]::new), name, owner))
                .map(this::toKeys);
    }

    /** The outcome of an invalidation: keys invalidated now, and keys that already were. */
    record Invalidation(List<String> invalidated, List<String> previouslyInvalidated) {
    }

    /** Invalidates the matching keys in one statement. */
    Uni<Invalidation> invalidate(List<String> ids, String name, String owner) {
        return pool.preparedQuery("""
                        WITH matched AS (
                            SELECT id, invalidated_at IS NOT NULL AS was FROM api_keys""" + FILTER + """
                            FOR UPDATE),
                        invalidated AS (
                            UPDATE api_keys SET invalidated_at = now()
                            WHERE id IN (SELECT id FROM matched WHERE NOT was) RETURNING id)
                        SELECT id, was FROM matched ORDER BY id""")
                .execute(Tuple.of(ids == null ? null : ids.toArray(String[]::new), name, owner))
                .map(rows -> {
                    List<String> now = new ArrayList<>();
                    List<String> before = new ArrayList<>();
                    for (Row row : rows) {
                        (row.getBoolean("was") ? before : now).add(row.getString("id"));
                    }
                    return new Invalidation(now, before);
                });
    }

    private List<StoredApiKey> toKeys(RowSet<Row> rows) {
        List<StoredApiKey> keys = new ArrayList<>();
        for (Row row : rows) {
            keys.add(new StoredApiKey(row.getString("id"), row.getString("name"), row.getString("owner"),
                    row.getBuffer("secret_salt").getBytes(), row.getBuffer("secret_hash").getBytes(),
                    read(row.getString("limited_by"), LAYERS), read(row.getString("role_descriptors"), ROLES),
                    read(row.getString("metadata"), METADATA), instant(row, "created_at"),
                    instant(row, "expires_at"), instant(row, "invalidated_at")));
        }
        return keys;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("A stored API key cannot be read", e);
        }
    }

    /** As Vert.x JSON: a Java string bound to a jsonb parameter would be stored as a JSON string. */
    private Object write(Object value) {
        try {
            return Json.decodeValue(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
