package io.opendetection.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs a caller token as the gateway does (RS256 with the stack's key), so the benchmark can ask
 * a service's internal API directly (as another service would, on a caller's behalf).
 */
public final class CallerTokenSigner {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private CallerTokenSigner() {
    }

    public static String token(Path privateKeyPem, String user, String space, long lifetimeSeconds) throws Exception {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"opendetection-gateway\",\"aud\":\"opendetection-services\",\"sub\":\"" + user
                + "\",\"upn\":\"" + user + "\",\"groups\":[\"superuser\"],\"space\":\"" + space + "\",\"iat\":" + now
                + ",\"exp\":" + (now + lifetimeSeconds) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signed = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + URL.encodeToString(rsa.sign());
    }
}
