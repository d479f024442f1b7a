package io.opendetection.rules.execution.exceptions;

import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.auth.ExecutorToken;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * Signs the executor's own token ({@link ExecutorToken}) for a call a rule run makes to another
 * service. A run has no caller to act for; this token says "the executor, for this rule, in this
 * space" and opens nothing but the executor's routes. Without a configured key there is none,
 * and what needs it is reported as not applied.
 */
@ApplicationScoped
public class ExecutorTokens {
    private static final Logger LOG = Logger.getLogger(ExecutorTokens.class);
    private final PrivateKey key;

    @Inject
    ExecutorTokens(@ConfigProperty(name = "detection.executor-token.sign-key-location") Optional<String> location) {
        this.key = location.filter(path -> !path.isBlank()).map(ExecutorTokens::readKey).orElse(null);
        if (key == null) {
            LOG.warn("EXECUTOR_SIGN_KEY_LOCATION is not set: exception items with value-list entries will not be applied");
        }
    }

    /** A token for this rule's run in this space; empty when the executor has no signing key. */
    public Optional<String> forRule(String space, String ruleId) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(Jwt.issuer(ExecutorToken.ISSUER)
                .audience(CallerToken.AUDIENCE)
                .subject(ExecutorToken.SUBJECT)
                .upn(ExecutorToken.SUBJECT)
                .claim(CallerToken.SPACE_CLAIM, space)
                .claim(ExecutorToken.RULE_CLAIM, ruleId)
                .expiresIn(ExecutorToken.LIFETIME_SECONDS)
                .jws().algorithm(SignatureAlgorithm.RS256)
                .sign(key));
    }

    private static PrivateKey readKey(String location) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(KeyUtils.readKeyContent(location), SignatureAlgorithm.RS256);
            if (key == null) {
                throw new IllegalStateException("No PKCS#8 RSA private key at " + location);
            }
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the executor-token signing key at " + location, e);
        }
    }
}
