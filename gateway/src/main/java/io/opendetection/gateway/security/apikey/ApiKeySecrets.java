package io.opendetection.gateway.security.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key ids and secrets, and how a secret is kept: a salted SHA-256, as Elasticsearch's default
 * {@code ssha256} for API keys. A memory-hard hash such as Argon2 protects guessable passwords; a
 * secret of 256 random bits cannot be guessed whatever the hash, so a fast one is as safe and lets
 * every request be checked against the store without a cache of secrets in memory.
 */
final class ApiKeySecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private ApiKeySecrets() {
    }

    /** 20 characters, as Elasticsearch's key ids. */
    static String newId() {
        return URL.encodeToString(random(15));
    }

    /** 256 random bits. */
    static String newSecret() {
        return URL.encodeToString(random(32));
    }

    static byte[] newSalt() {
        return random(16);
    }

    static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(byte[] salt, byte[] expected, String secret) {
        return MessageDigest.isEqual(expected, hash(salt, secret));
    }

    /** What a client sends after {@code ApiKey }: base64 of {@code id:api_key}. */
    static String encoded(String id, String secret) {
        return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }
}
