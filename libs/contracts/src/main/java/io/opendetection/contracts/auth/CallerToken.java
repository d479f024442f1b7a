package io.opendetection.contracts.auth;

/**
 * The short-lived token the gateway signs (RS256) for every request it forwards, and every service
 * accepts (and nothing else). When the gateway is configured with a key id, the token's header
 * carries it as {@code kid}, so services can trust an old and a new key during a rotation.
 *
 * <p>Claims:
 * <ul>
 *   <li>{@code sub}, {@code upn}: the user name (for an API key, the key's owner).</li>
 *   <li>{@code groups}: the user's role names (for an API key, its owner's roles when the key was created).</li>
 *   <li>{@link #SPACE_CLAIM} {@code "space"}: the space the request addresses ({@code default} without a prefix).</li>
 *   <li>{@link #PRIVILEGES_CLAIM} {@code "privileges"}: the caller's effective feature privileges IN
 *       THAT SPACE, one key per area, each {@code "all"}, {@code "read"} or {@code "none"}:
 *       {@code {"rules":"all","alerts":"read","exceptions":"read","lists":"none"}}. {@code all}
 *       includes {@code read}. The gateway has already refused the request when the route's own
 *       privilege is missing; services use this for finer decisions and for answering
 *       {@code GET /api/detection_engine/privileges} and {@code GET /api/lists/privileges}.</li>
 *   <li>{@link #INDEX_PRIVILEGES_CLAIM} {@code "index_privileges"}: the caller's Elasticsearch index
 *       privileges as an array of LAYERS, each layer an array of
 *       {@code {"names":["logs-*", ...],"privileges":["read", ...]}} (Elasticsearch's
 *       {@code indices[]} entries; names are index names or patterns with {@code *} and {@code ?}).
 *       An action on an index is allowed only when EVERY layer has an entry whose names match the
 *       index and whose privileges include the action or a privilege implying it ({@code all}
 *       implies every action; searching needs {@code read} or {@code all}). A user has one layer
 *       (the union of their roles); an API key has its owner's layers at creation plus one more for
 *       the role descriptors it was created with. An empty array of layers allows nothing. A
 *       superuser: {@code [[{"names":["*"],"privileges":["all"]}]]}. This is the snapshot a rule
 *       keeps of its last editor, to check the rule's index patterns before each run.</li>
 *   <li>{@link #CLUSTER_PRIVILEGES_CLAIM} {@code "cluster_privileges"}: the caller's Elasticsearch cluster
 *       privileges, layered as the index privileges are: an array of layers, each an array of
 *       privilege names ({@code [["all"]]} for a superuser); read with {@link ClusterPrivileges}.</li>
 *   <li>{@link #AUTHENTICATION_TYPE_CLAIM} {@code "auth_type"}: {@code "basic"} or {@code "api_key"}.</li>
 *   <li>{@link #API_KEY_CLAIM} {@code "api_key"}: present only for an API key,
 *       {@code {"id":"...","name":"..."}} (never its secret).</li>
 * </ul>
 */
public final class CallerToken {
    public static final String ISSUER = "opendetection-gateway";
    public static final String AUDIENCE = "opendetection-services";
    public static final String SPACE_CLAIM = "space";
    public static final String PRIVILEGES_CLAIM = "privileges";
    public static final String INDEX_PRIVILEGES_CLAIM = "index_privileges";
    public static final String CLUSTER_PRIVILEGES_CLAIM = "cluster_privileges";
    public static final String AUTHENTICATION_TYPE_CLAIM = "auth_type";
    public static final String API_KEY_CLAIM = "api_key";
    /** Seconds a token is valid; long enough for one request, short enough not to matter if leaked. */
    public static final long LIFETIME_SECONDS = 60;
    public static final String DEFAULT_SPACE = "default";

    private CallerToken() {
    }
}
