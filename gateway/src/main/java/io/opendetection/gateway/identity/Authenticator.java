package io.opendetection.gateway.identity;

import io.smallrye.mutiny.Uni;

/**
 * One way of proving an identity, chosen by the scheme of the {@code Authorization} header
 * ({@code Basic} now; {@code ApiKey} fits beside it).
 */
public interface Authenticator {

    /** The {@code Authorization} scheme this authenticator reads, e.g. {@code Basic}. */
    String scheme();

    /**
     * The identity the credentials prove, or a failure with a 401
     * {@link io.opendetection.gateway.http.Rejection}.
     *
     * @param credentials what follows the scheme in the header
     */
    Uni<Identity> authenticate(String credentials);
}
