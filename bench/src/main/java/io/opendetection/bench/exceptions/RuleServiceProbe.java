package io.opendetection.bench.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.bench.BenchSystem;
import io.opendetection.devstack.ServiceSpec;
import io.opendetection.devstack.Stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Looks into rule-service's projection of exceptions ({@code GET /internal/exception-lists/{id}},
 * not routed by the gateway) with a caller token signed as the gateway signs it. Where: the
 * system the benchmark started, or {@code BENCH_RULE_SERVICE_URL} with {@code BENCH_SIGNING_KEY}
 * (the gateway's private key file) for a running one.
 */
final class RuleServiceProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final PrivateKey signingKey;

    private RuleServiceProbe(String baseUrl, PrivateKey signingKey) {
        this.baseUrl = baseUrl;
        this.signingKey = signingKey;
    }

    static RuleServiceProbe of(BenchSystem system) {
        String attached = System.getenv("BENCH_RULE_SERVICE_URL");
        if (attached != null && !attached.isBlank()) {
            return new RuleServiceProbe(attached, privateKey(Path.of(System.getenv("BENCH_SIGNING_KEY"))));
        }
        // BenchSystem keeps where it started the services to itself; a benchmark may look.
        try {
            var ports = BenchSystem.class.getDeclaredField("servicePorts");
            var stack = BenchSystem.class.getDeclaredField("stack");
            ports.setAccessible(true);
            stack.setAccessible(true);
            @SuppressWarnings("unchecked")
            int port = ((Map<ServiceSpec, Integer>) ports.get(system)).get(ServiceSpec.RULES);
            Path key = ((Stack) stack.get(system)).workDir().resolve("keys/caller-token.key");
            return new RuleServiceProbe("http://127.0.0.1:" + port, privateKey(key));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot find rule-service in the started system", e);
        }
    }

    /** The number of items rule-service holds for the list, or -1 while it does not know the list. */
    int itemCount(String listUuid) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/exception-lists/" + listUuid))
                .header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return -1;
            }
            JsonNode view = JSON.readTree(response.body());
            return view.get("items").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 caller token for the administrator in the default space, as the gateway signs one. */
    private String token() {
        long now = System.currentTimeMillis() / 1000;
        String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64(("{\"iss\":\"opendetection-gateway\",\"aud\":\"opendetection-services\",\"sub\":\"elastic\","
                + "\"upn\":\"elastic\",\"groups\":[\"superuser\"],\"space\":\"default\",\"iat\":%d,\"exp\":%d}")
                .formatted(now, now + 60));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey privateKey(Path pem) {
        try {
            String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the signing key is not a PKCS#8 RSA key", e);
        }
    }
}
