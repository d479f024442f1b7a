package io.opendetection.gateway.identity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashingTest {

    @Test
    void hashesInThePhcFormatWithOwaspsArgon2idCost() {
        String hash = PasswordHashing.hash("changeme");

        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void verifiesTheRightPasswordOnlyAndSaltsEachHash() {
        String hash = PasswordHashing.hash("päss wörd");

        assertTrue(PasswordHashing.matches("päss wörd", hash));
        assertFalse(PasswordHashing.matches("pass word", hash));
        assertFalse(PasswordHashing.matches("", hash));
        assertNotEquals(hash, PasswordHashing.hash("päss wörd"));
    }

    @Test
    void verifiesTheReferenceImplementationsArgon2idVector() {
        // from the Argon2 reference implementation's tests: "password", salt "somesalt", t=2, m=64 MiB, p=1
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertTrue(PasswordHashing.matches("password", reference));
        assertFalse(PasswordHashing.matches("Password", reference));
    }

    @Test
    void anythingButAnArgon2idPhcStringNeverMatches() {
        assertFalse(PasswordHashing.matches("changeme", "changeme"));
        assertFalse(PasswordHashing.matches("changeme", "$2a$10$abcdefghijklmnopqrstuv"));
        String argon2i = PasswordHashing.hash("changeme").replace("argon2id", "argon2i");
        assertFalse(PasswordHashing.matches("changeme", argon2i));
    }
}
