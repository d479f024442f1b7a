package io.opendetection.contracts.auth;

/**
 * The short-lived token the gateway signs for every request it forwards, and every service
 * accepts (and nothing else). Claims: {@code sub}/{@code upn} the user name, {@code groups} the
 * user's roles, {@link #SPACE_CLAIM} the space the request addresses.
 */
public final class CallerToken {
    public static final String ISSUER = "opendetection-gateway";
    public static final String AUDIENCE = "opendetection-services";
    public static final String SPACE_CLAIM = "space";
    /** Seconds a token is valid; long enough for one request, short enough not to matter if leaked. */
    public static final long LIFETIME_SECONDS = 60;
    public static final String DEFAULT_SPACE = "default";

    private CallerToken() {
    }
}
