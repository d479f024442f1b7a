package io.opendetection.gateway.security;

/** The answer of a security route: a status and a JSON body, or no body (204). */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply noContent() {
        return new Reply(204, null);
    }
}
