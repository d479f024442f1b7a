package io.opendetection.gateway.security;

import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.identity.Identity;

import java.util.TreeSet;

/** The 403 of a security action the caller's cluster privileges do not grant, in Elasticsearch's words. */
public final class ClusterPrivilegeCheck {
    public static final String MANAGE_SECURITY = "manage_security,all";
    public static final String OWN_API_KEYS = "manage_own_api_key,manage_api_key,manage_security,all";

    private ClusterPrivilegeCheck() {
    }

    public static void require(boolean granted, Identity caller, String action, String privileges) {
        if (!granted) {
            throw new Rejection(403, "action [" + action + "] is unauthorized for user [" + caller.username()
                    + "] with effective roles [" + String.join(",", new TreeSet<>(caller.roles()))
                    + "], this action is granted by the cluster privileges [" + privileges + "]");
        }
    }
}
