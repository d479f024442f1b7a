package io.opendetection.contracts.auth;

/**
 * The token rule-service's executor signs (RS256, with a key of its own) when a rule run needs
 * another service's answer and there is no caller to act for: today, the values of a value list
 * an exception item names. A service accepts it only when it is configured with the executor's
 * public key, and only on {@link #SCOPE} paths, so the key cannot stand in for a user elsewhere.
 *
 * <p>Claims: {@code sub} {@link #SUBJECT}; {@link CallerToken#SPACE_CLAIM} the rule's space;
 * {@link #RULE_CLAIM} the rule's id (for the other service's logs and audit).
 */
public final class ExecutorToken {
    public static final String ISSUER = "opendetection-rule-executor";
    public static final String SUBJECT = "rule-executor";
    public static final String RULE_CLAIM = "rule";
    /** The paths an executor token may call: lists-service's internal value-list API. */
    public static final String SCOPE = "/internal/value-lists/";
    public static final long LIFETIME_SECONDS = 60;

    private ExecutorToken() {
    }
}
