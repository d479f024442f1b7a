package io.opendetection.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * An RSA key pair as PEM files {@code <name>.key} (PKCS#8, readable by the owner only) and
 * {@code <name>.pub} (X.509): {@code caller-token}, the pair the gateway signs caller tokens with
 * and the services verify them with, and {@code executor-token}, rule-service's executor's own.
 * Kept if they already exist, so a restarted stack keeps its keys.
 */
public record KeyPairs(Path privateKey, Path publicKey) {

    public static KeyPairs ensure(Path directory) {
        return ensure(directory, "caller-token");
    }

    public static KeyPairs ensure(Path directory, String name) {
        Path privateKey = directory.resolve(name + ".key");
        Path publicKey = directory.resolve(name + ".pub");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return new KeyPairs(privateKey, publicKey);
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writeOwnerOnly(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new KeyPairs(privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String publicKeyPem() {
        try {
            return Files.readString(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
