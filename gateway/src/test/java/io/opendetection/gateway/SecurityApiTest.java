package io.opendetection.gateway;

import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestEndpoints;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.opendetection.gateway.SecurityFixtures.as;
import static io.opendetection.gateway.SecurityFixtures.asAdmin;
import static io.opendetection.gateway.SecurityFixtures.createKey;
import static io.opendetection.gateway.SecurityFixtures.keyId;
import static io.opendetection.gateway.SecurityFixtures.putRole;
import static io.opendetection.gateway.SecurityFixtures.putUser;
import static io.opendetection.gateway.SecurityFixtures.withKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The security API: roles, users and API keys, who may use it, and what the services are told. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(StandInServices.class)
class SecurityApiTest {

    @Test
    void aRoleIsStoredInKibanasShapeListedReplacedAndDeleted() {
        asAdmin().body("""
                        {"elasticsearch":{"cluster":["manage_own_api_key"],
                          "indices":[{"names":["logs-*","auditbeat-*"],"privileges":["read","view_index_metadata"]}]},
                         "kibana":[{"base":[],"feature":{"siemV3":["read"],"discover":["all"]},"spaces":["default","soc"]}],
                         "metadata":{"team":"soc"}}""")
                .put("/api/security/role/api_t1_analyst")
                .then().statusCode(204);
        asAdmin().get("/api/security/role/api_t1_analyst")
                .then().statusCode(200)
                .body("name", equalTo("api_t1_analyst"))
                .body("metadata.team", equalTo("soc"))
                .body("transient_metadata.enabled", equalTo(true))
                .body("elasticsearch.cluster", equalTo(List.of("manage_own_api_key")))
                .body("elasticsearch.indices[0].names", equalTo(List.of("logs-*", "auditbeat-*")))
                .body("elasticsearch.run_as", equalTo(List.of()))
                .body("kibana[0].feature.siemV3", equalTo(List.of("read")))
                .body("kibana[0].spaces", equalTo(List.of("default", "soc")));
        asAdmin().get("/api/security/role")
                .then().statusCode(200)
                .body("name", hasItems("api_t1_analyst", "superuser", "viewer", "editor"))
                .body("find { it.name == 'superuser' }.metadata._reserved", equalTo(true));

        asAdmin().body(Map.of("kibana", List.of(Map.of("base", List.of("read"), "spaces", List.of("*")))))
                .put("/api/security/role/api_t1_analyst").then().statusCode(204);
        asAdmin().get("/api/security/role/api_t1_analyst")
                .then().body("kibana[0].base", equalTo(List.of("read"))).body("elasticsearch.indices", equalTo(List.of()));

        asAdmin().delete("/api/security/role/api_t1_analyst").then().statusCode(204);
        asAdmin().get("/api/security/role/api_t1_analyst").then().statusCode(404)
                .body("message", equalTo("Not Found"));
        asAdmin().delete("/api/security/role/api_t1_analyst").then().statusCode(404);
    }

    @Test
    void anInvalidRoleIs400NamingTheField() {
        assertBadRole("{\"kibana\":[{\"base\":[\"write\"],\"spaces\":[\"*\"]}]}",
                "[request body.kibana.0.base.0]: unknown base privilege [write], expected [all] or [read]");
        assertBadRole("{\"kibana\":[{\"feature\":{\"siem\":[\"everything\"]},\"spaces\":[\"*\"]}]}",
                "[request body.kibana.0.feature.siem.0]: unknown privilege [everything] of feature [siem]");
        assertBadRole("{\"kibana\":[{\"base\":[\"read\"],\"spaces\":[\"Bad Space\"]}]}",
                "[request body.kibana.0.spaces.0]: invalid space id [Bad Space]");
        assertBadRole("{\"elasticsearch\":{\"indices\":[{\"names\":\"logs-*\",\"privileges\":[\"read\"]}]}}",
                "[request body.elasticsearch.indices.0.names]: expected value of type [array] but got [string]");
        assertBadRole("{\"elasticsearch\":{},\"kibana\":[],\"colour\":\"red\"}",
                "[request body.colour]: definition for this key is missing");
        asAdmin().body("{not json").put("/api/security/role/bad").then().statusCode(400)
                .body("message", equalTo("Invalid request payload JSON format"));
        asAdmin().body("{}").put("/api/security/role/superuser").then().statusCode(400)
                .body("message", equalTo("Role [superuser] is reserved and may not be used."));
        asAdmin().delete("/api/security/role/viewer").then().statusCode(400);
    }

    @Test
    void usersAreCreatedUpdatedWithoutTheirPasswordAndDeleted() {
        asAdmin().body(Map.of("password", "first-password", "roles", List.of("viewer"), "full_name", "Ann Alyst",
                        "email", "ann@example.com", "metadata", Map.of("desk", 3)))
                .put("/api/security/users/api_ann")
                .then().statusCode(200).body("created", equalTo(true));
        asAdmin().get("/api/security/users/api_ann")
                .then().statusCode(200)
                .body("username", equalTo("api_ann"))
                .body("roles", equalTo(List.of("viewer")))
                .body("full_name", equalTo("Ann Alyst"))
                .body("email", equalTo("ann@example.com"))
                .body("enabled", equalTo(true))
                .body("metadata.desk", equalTo(3))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", not(org.hamcrest.Matchers.hasKey("password_hash")));
        as("api_ann", "first-password").get("/api/detection_engine/rules/_find").then().statusCode(200);

        asAdmin().body(Map.of("roles", List.of("editor"), "enabled", true))
                .put("/api/security/users/api_ann")
                .then().statusCode(200).body("created", equalTo(false));
        as("api_ann", "first-password").post("/api/detection_engine/rules").then().statusCode(200);
        asAdmin().get("/api/security/users").then().statusCode(200).body("username", hasItems("api_ann", "elastic"));

        asAdmin().body(Map.of("roles", List.of("editor"), "enabled", false)).put("/api/security/users/api_ann")
                .then().statusCode(200);
        as("api_ann", "first-password").get("/api/detection_engine/rules/_find").then().statusCode(401);

        asAdmin().delete("/api/security/users/api_ann").then().statusCode(204);
        asAdmin().get("/api/security/users/api_ann").then().statusCode(404);
        asAdmin().delete("/api/security/users/api_ann").then().statusCode(404);
    }

    @Test
    void anInvalidUserIs400() {
        asAdmin().body(Map.of("password", "short", "roles", List.of())).put("/api/security/users/api_bad")
                .then().statusCode(400)
                .body("message", equalTo("[request body.password]: passwords must be at least [6] characters long"));
        asAdmin().body(Map.of("roles", List.of())).put("/api/security/users/api_nobody")
                .then().statusCode(400)
                .body("message", equalTo("password must be specified unless you are updating an existing user"));
        asAdmin().body(Map.of("password", "long-enough")).put("/api/security/users/api_bad")
                .then().statusCode(400)
                .body("message", equalTo("[request body.roles]: expected value of type [array] but got [undefined]"));
        asAdmin().body(Map.of("password", "long-enough", "roles", "viewer")).put("/api/security/users/api_bad")
                .then().statusCode(400)
                .body("message", equalTo("[request body.roles]: expected value of type [array] but got [string]"));
        asAdmin().body(Map.of("password", "long-enough", "roles", List.of()))
                .urlEncodingEnabled(false).put("/api/security/users/%20padded").then().statusCode(400);
    }

    @Test
    void onlyCallersWithManageSecurityMayManageRolesAndUsers() {
        putUser("api_viewer", "viewer-password", List.of("viewer"));
        for (String path : List.of("/api/security/role", "/api/security/role/viewer", "/api/security/users",
                "/api/security/users/elastic")) {
            as("api_viewer", "viewer-password").get(path).then().statusCode(403)
                    .body("error", equalTo("Forbidden"));
        }
        as("api_viewer", "viewer-password").body(Map.of("password", "takeover-password", "roles", List.of("superuser")))
                .put("/api/security/users/api_viewer")
                .then().statusCode(403)
                .body("message", equalTo("action [cluster:admin/xpack/security/user/put] is unauthorized for user "
                        + "[api_viewer] with effective roles [viewer], this action is granted by the cluster "
                        + "privileges [manage_security,all]"));
        as("api_viewer", "viewer-password").body(Map.of("name", "mine")).post("/api/security/api_key")
                .then().statusCode(403);
        as("api_viewer", "viewer-password").get("/api/security/nothing").then().statusCode(404);
        as("api_viewer", "viewer-password").put("/api/security/role/x").then().statusCode(403);
    }

    @Test
    void anApiKeyActsAsItsOwnerNarrowedByItsRoleDescriptors() throws Exception {
        putRole("api_key_author", "all", List.of("*"), List.of("manage_own_api_key"));
        putUser("api_key_author", "author-password", List.of("api_key_author"));
        JsonPath created = as("api_key_author", "author-password")
                .body(Map.of("name", "narrow", "expiration", "1d", "metadata", Map.of("purpose", "soar"),
                        "role_descriptors", Map.of("reader", Map.of(
                                "indices", List.of(Map.of("names", List.of("logs-endpoint-*"), "privileges", List.of("read"))),
                                "applications", List.of(Map.of("application", "kibana-.kibana",
                                        "privileges", List.of("feature_siem.read"), "resources", List.of("space:default")))))))
                .post("/api/security/api_key")
                .then().statusCode(200)
                .body("name", equalTo("narrow"))
                .body("id", notNullValue())
                .body("api_key", notNullValue())
                .extract().jsonPath();
        long expiration = created.getLong("expiration");
        long inADay = System.currentTimeMillis() + 86_400_000L;
        assertTrue(Math.abs(expiration - inADay) < 60_000, "expires in a day: " + expiration);
        String encoded = created.getString("encoded");
        assertEquals(created.getString("id"), keyId(encoded));

        String authorization = withKey(encoded).get("/api/detection_engine/rules/_find")
                .then().statusCode(200).extract().jsonPath().getString("headers.authorization");
        withKey(encoded).post("/api/detection_engine/rules").then().statusCode(403);
        withKey(encoded).get("/s/other/api/detection_engine/rules/_find").then().statusCode(403);

        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipDefaultAudienceValidation()
                .build().processToClaims(authorization.substring("Bearer ".length()));
        assertEquals("api_key_author", claims.getSubject());
        assertEquals(List.of("api_key_author"), claims.getStringListClaimValue("groups"));
        assertEquals("api_key", claims.getClaimValue(CallerToken.AUTHENTICATION_TYPE_CLAIM));
        assertEquals(Map.of("id", created.getString("id"), "name", "narrow"),
                claims.getClaimValue(CallerToken.API_KEY_CLAIM));
        assertEquals(Map.of("rules", "read", "alerts", "read", "exceptions", "read", "lists", "read"),
                claims.getClaimValue(CallerToken.PRIVILEGES_CLAIM));
        assertEquals(List.of(
                        List.of(Map.of("names", List.of("logs-*"), "privileges", List.of("read"))),
                        List.of(Map.of("names", List.of("logs-endpoint-*"), "privileges", List.of("read")))),
                claims.getClaimValue(CallerToken.INDEX_PRIVILEGES_CLAIM));
        // the key's own descriptors grant no cluster privilege, so its second layer is empty
        assertEquals(List.of(List.of("manage_own_api_key"), List.of()),
                claims.getClaimValue(CallerToken.CLUSTER_PRIVILEGES_CLAIM));

        String plain = createKey(as("api_key_author", "author-password"), Map.of("name", "plain"));
        withKey(plain).post("/api/detection_engine/rules").then().statusCode(200);
    }

    @Test
    void keysAreListedForTheirOwnerAndAllForAManagerThenInvalidated() {
        putRole("api_key_lister", "read", List.of("*"), List.of("manage_own_api_key"));
        putUser("api_key_lister", "lister-password", List.of("api_key_lister"));
        putUser("api_key_other", "other-password", List.of("api_key_lister"));
        String mine = createKey(as("api_key_lister", "lister-password"), Map.of("name", "lister-key"));
        String theirs = createKey(as("api_key_other", "other-password"), Map.of("name", "other-key"));

        as("api_key_lister", "lister-password").get("/api/security/api_key")
                .then().statusCode(200)
                .body("api_keys.id", equalTo(List.of(keyId(mine))))
                .body("api_keys[0].name", equalTo("lister-key"))
                .body("api_keys[0].username", equalTo("api_key_lister"))
                .body("api_keys[0].invalidated", equalTo(false))
                .body("api_keys[0]", not(org.hamcrest.Matchers.hasKey("api_key")));
        asAdmin().get("/api/security/api_key").then().statusCode(200)
                .body("api_keys.id", hasItems(keyId(mine), keyId(theirs)));
        asAdmin().get("/api/security/api_key?username=api_key_other").then().statusCode(200)
                .body("api_keys.id", equalTo(List.of(keyId(theirs))));

        // an owner cannot reach someone else's key
        as("api_key_lister", "lister-password").body(Map.of("ids", List.of(keyId(theirs))))
                .delete("/api/security/api_key")
                .then().statusCode(200).body("invalidated_api_keys", equalTo(List.of()));
        withKey(theirs).get("/api/detection_engine/rules/_find").then().statusCode(200);

        asAdmin().body(Map.of("ids", List.of(keyId(theirs)))).delete("/api/security/api_key")
                .then().statusCode(200)
                .body("invalidated_api_keys", equalTo(List.of(keyId(theirs))))
                .body("previously_invalidated_api_keys", equalTo(List.of()))
                .body("error_count", equalTo(0));
        asAdmin().body(Map.of("ids", List.of(keyId(theirs)))).delete("/api/security/api_key")
                .then().statusCode(200)
                .body("invalidated_api_keys", equalTo(List.of()))
                .body("previously_invalidated_api_keys", equalTo(List.of(keyId(theirs))));
        withKey(theirs).get("/api/detection_engine/rules/_find").then().statusCode(401);
        asAdmin().get("/api/security/api_key?id=" + keyId(theirs)).then().body("api_keys[0].invalidated", equalTo(true));

        // deleting a user invalidates their keys
        asAdmin().delete("/api/security/users/api_key_lister").then().statusCode(204);
        withKey(mine).get("/api/detection_engine/rules/_find").then().statusCode(401);
    }

    @Test
    void aKeyRequestIsValidated() {
        asAdmin().body(Map.of("expiration", "1d")).post("/api/security/api_key").then().statusCode(400)
                .body("message", equalTo("[request body.name]: expected value of type [string] but got [undefined]"));
        asAdmin().body(Map.of("name", "k", "expiration", "tomorrow")).post("/api/security/api_key")
                .then().statusCode(400)
                .body("message", equalTo("[request body.expiration]: failed to parse setting [expiration] with value "
                        + "[tomorrow] as a time value: unit is missing or unrecognized"));
        asAdmin().body(Map.of("name", "k", "role_descriptors", Map.of("r", Map.of("indices", "logs-*"))))
                .post("/api/security/api_key").then().statusCode(400)
                .body("message", equalTo("[request body.role_descriptors.r.indices]: expected value of type [array] "
                        + "but got [string]"));
        asAdmin().body(Map.of()).delete("/api/security/api_key").then().statusCode(400)
                .body("message", equalTo("[request body]: One of [api key id(s), api key name, username, realm name] "
                        + "must be specified if [owner] flag is false"));
        String expired = createKey(asAdmin(), Map.of("name", "short-lived", "expiration", "1ms"));
        withKey(expired).get("/api/detection_engine/rules/_find").then().statusCode(401);
        withKey("bm90LWEta2V5").get("/api/detection_engine/rules/_find").then().statusCode(401);
        withKey(java.util.Base64.getEncoder().encodeToString((keyId(expired) + ":guess").getBytes()))
                .get("/api/detection_engine/rules/_find").then().statusCode(401);
    }

    @Test
    void mutationsAndRefusalsAreAuditedWithoutSecrets() {
        List<String> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger audit = Logger.getLogger("io.opendetection.gateway.audit");
        audit.addHandler(handler);
        String key;
        try {
            putUser("api_audited", "audited-password", List.of("viewer"));
            as("api_audited", "audited-password").post("/api/detection_engine/rules").then().statusCode(403);
            as("api_audited", "wrong-password").get("/api/detection_engine/rules/_find").then().statusCode(401);
            key = createKey(asAdmin(), Map.of("name", "audited-key"));
            withKey(key).get("/api/detection_engine/rules/_find").then().statusCode(200);
        } finally {
            audit.removeHandler(handler);
        }
        List<String> seen;
        synchronized (records) {
            seen = List.copyOf(records);
        }
        assertTrue(seen.stream().anyMatch(r -> r.contains("\"event\":\"mutation\"") && r.contains("\"user\":\"elastic\"")
                && r.contains("\"path\":\"/api/security/users/api_audited\"") && r.contains("\"status\":200")
                && r.contains("\"outcome\":\"success\"") && r.contains("\"client_ip\"")), String.join("\n", seen));
        assertTrue(seen.stream().anyMatch(r -> r.contains("\"event\":\"access_denied\"")
                && r.contains("\"user\":\"api_audited\"") && r.contains("\"status\":403")), String.join("\n", seen));
        assertTrue(seen.stream().anyMatch(r -> r.contains("\"claimed_user\":\"api_audited\"")
                && r.contains("\"status\":401")), String.join("\n", seen));
        assertFalse(seen.stream().anyMatch(r -> r.contains("\"method\":\"GET\"") && r.contains("\"status\":200")),
                "successful reads are not audited");
        String secret = new String(java.util.Base64.getDecoder().decode(key)).substring(keyId(key).length() + 1);
        for (String leak : List.of("audited-password", "wrong-password", secret, key)) {
            assertFalse(seen.stream().anyMatch(r -> r.contains(leak)), "leaked " + leak);
        }
        // the same records reach Kafka, keyed by the user
        ConsumerRecord<String, String> denied = KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(),
                Topics.AUDIT, r -> "api_audited".equals(r.key()) && r.value().contains("\"status\":403"),
                Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError("no audit record on " + Topics.AUDIT));
        assertTrue(denied.value().contains("\"event\":\"access_denied\""), denied.value());
        assertTrue(seen.contains(denied.value()), "the published record is the logged one: " + denied.value());
    }

    private static void assertBadRole(String body, String message) {
        asAdmin().body(body).put("/api/security/role/api_bad_role").then().statusCode(400)
                .body("statusCode", equalTo(400)).body("error", equalTo("Bad Request"))
                .body("message", equalTo(message));
    }
}
