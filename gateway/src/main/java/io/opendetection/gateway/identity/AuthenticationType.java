package io.opendetection.gateway.identity;

/** How a caller proved who they are. */
public enum AuthenticationType {
    /** A user name and password from the gateway's user store, sent as HTTP Basic. */
    BASIC,
    /** {@code Authorization: ApiKey base64(id:api_key)}, a key a user created. */
    API_KEY
}
