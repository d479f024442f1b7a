package io.opendetection.common.caller;

import io.opendetection.contracts.auth.CallerToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/** Who is calling and in which space, from the token the gateway signed for this request. */
@RequestScoped
public class Caller {
    @Inject
    JsonWebToken token;

    public String user() {
        return token.getName();
    }

    public Set<String> roles() {
        return token.getGroups();
    }

    /** The Kibana space the request addresses ({@code default} when the gateway saw no /s/ prefix). */
    public String space() {
        String space = token.getClaim(CallerToken.SPACE_CLAIM);
        return space == null || space.isBlank() ? CallerToken.DEFAULT_SPACE : space;
    }
}
