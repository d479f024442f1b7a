package io.opendetection.gateway.identity;

/** How a caller proved who they are. */
public enum AuthenticationType {
    /** A user name and password from the gateway's user store, sent as HTTP Basic. */
    BASIC
}
