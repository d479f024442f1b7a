package io.opendetection.testkit;

import io.opendetection.devstack.KeyPairs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One RSA key pair per test JVM: the services under test verify caller tokens with it. */
public final class TestKeys {
    private static KeyPairs keys;

    private TestKeys() {
    }

    public static synchronized KeyPairs keys() {
        if (keys == null) {
            try {
                keys = KeyPairs.ensure(Files.createTempDirectory("testkit-keys-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    public static String publicKeyPem() {
        return keys().publicKeyPem();
    }
}
