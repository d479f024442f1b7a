package io.opendetection.common.caller;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.auth.ExecutorToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokensTest {
    /** A parser that records what it was asked and answers with a token expiring at {@code exp}. */
    static final class RecordingParser extends DefaultJWTParser {
        final List<String> parsed = new ArrayList<>();
        long exp = 1_000;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            parsed.add(token);
            if (token.startsWith("bad")) {
                throw new ParseException("signature");
            }
            JwtClaims claims = new JwtClaims();
            claims.setSubject(token);
            claims.setExpirationTimeMinutesInTheFuture(0);
            claims.setClaim("exp", exp);
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        }
    }

    private final RecordingParser parser = new RecordingParser();
    private final AtomicLong now = new AtomicLong(900);
    private final VerifiedTokens tokens = new VerifiedTokens(parser, now::get);

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() throws Exception {
        JsonWebToken first = tokens.parse("a");
        assertSame(first, tokens.parse("a"));
        assertEquals(List.of("a"), parser.parsed);

        now.set(1_000); // at exp: no longer a hit, verified again
        tokens.parse("a");
        assertEquals(List.of("a", "a"), parser.parsed);
    }

    @Test
    void anotherStringIsAnotherToken() throws Exception {
        tokens.parse("a");
        tokens.parse("a.");
        assertEquals(List.of("a", "a."), parser.parsed);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        assertThrows(ParseException.class, () -> tokens.parse("bad"));
        assertThrows(ParseException.class, () -> tokens.parse("bad"));
        assertEquals(List.of("bad", "bad"), parser.parsed);
    }

    @Test
    void anAlreadyExpiredTokenIsNotRemembered() throws Exception {
        parser.exp = 800;
        tokens.parse("old");
        tokens.parse("old");
        assertEquals(List.of("old", "old"), parser.parsed);
    }

    private static String signed(KeyPair pair, String issuer) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(CallerToken.AUDIENCE);
        claims.setSubject(ExecutorToken.SUBJECT);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(1);
        claims.setClaim(CallerToken.SPACE_CLAIM, "blue");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    void anExecutorTokenIsCheckedWithTheExecutorsKey() throws Exception {
        KeyPair executor = rsa();
        VerifiedTokens accepting = new VerifiedTokens(new DefaultJWTParser(), now::get,
                VerifiedTokens.executorContext(executor.getPublic()));
        JsonWebToken token = accepting.parse(signed(executor, ExecutorToken.ISSUER));
        assertEquals(ExecutorToken.ISSUER, token.getIssuer());
        assertEquals("blue", token.getClaim(CallerToken.SPACE_CLAIM).toString());

        // the executor's issuer on a token another key signed is refused
        assertThrows(ParseException.class, () -> accepting.parse(signed(rsa(), ExecutorToken.ISSUER)));
    }

    @Test
    void withoutTheExecutorsKeyItsTokensGoToTheGatewaysCheck() throws Exception {
        String token = signed(rsa(), ExecutorToken.ISSUER);
        tokens.parse(token);
        assertEquals(List.of(token), parser.parsed);
        assertEquals(ExecutorToken.ISSUER, VerifiedTokens.unverifiedIssuer(token));
        assertEquals(null, VerifiedTokens.unverifiedIssuer("not-a-token"));
    }
}
