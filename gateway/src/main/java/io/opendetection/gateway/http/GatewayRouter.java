package io.opendetection.gateway.http;

import io.opendetection.contracts.errors.PlatformError;
import io.opendetection.gateway.GatewayConfig;
import io.opendetection.gateway.audit.AuditLog;
import io.opendetection.gateway.authz.Authorization;
import io.opendetection.gateway.identity.Authentication;
import io.opendetection.gateway.identity.Identity;
import io.opendetection.gateway.routing.Proxy;
import io.opendetection.gateway.routing.RouteTable;
import io.opendetection.gateway.ratelimit.RateLimiter;
import io.opendetection.gateway.routing.Service;
import io.opendetection.gateway.security.Reply;
import io.opendetection.gateway.security.SecurityRoutes;
import io.opendetection.gateway.space.SpacePath;
import io.opendetection.gateway.status.StatusHandler;
import io.opendetection.gateway.xsrf.XsrfRule;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Every request but the health probes passes here, in Kibana's order: authentication, then the
 * caller's rate limit, the XSRF header, the space, then the route, which the gateway answers itself
 * ({@code /api/status}, the security API) or, once the caller's privileges in the space allow it,
 * forwards to the service that owns it. Mutations and refusals leave an audit record.
 */
@ApplicationScoped
public class GatewayRouter {
    private static final String HEALTH = "/q/health";
    private static final String STATUS = "/api/status";

    private final Authentication authentication;
    private final Proxy proxy;
    private final StatusHandler status;
    private final ErrorResponses errors;
    private final SecurityRoutes security;
    private final JsonReplies replies;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final int maxPerPage;

    @Inject
    GatewayRouter(Authentication authentication, Proxy proxy, StatusHandler status, ErrorResponses errors,
                  SecurityRoutes security, JsonReplies replies, RateLimiter rateLimiter, AuditLog audit,
                  GatewayConfig config) {
        this.authentication = authentication;
        this.proxy = proxy;
        this.status = status;
        this.errors = errors;
        this.security = security;
        this.replies = replies;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.maxPerPage = config.limits().maxPerPage();
    }

    void init(@Observes Router router) {
        router.route().handler(this::handle).failureHandler(this::failed);
    }

    /** Whatever failed on the way (here or in a health probe) still answers in Kibana's envelope. */
    private void failed(RoutingContext ctx) {
        if (ctx.failure() != null) {
            errors.fail(ctx, ctx.failure());
            return;
        }
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        errors.send(ctx, new Rejection(status, PlatformError.reasonPhrase(status)));
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals(HEALTH) || path.startsWith(HEALTH + "/")) {
            ctx.next();
            return;
        }
        audit.watch(ctx);
        // the body waits, unread, until the request is known to be allowed
        ctx.request().pause();
        Context context = Vertx.currentContext();
        authentication.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .subscribe().with(identity -> dispatch(ctx, path, identity), failure -> errors.fail(ctx, failure));
    }

    private void dispatch(RoutingContext ctx, String path, Identity identity) {
        try {
            ctx.put(AuditLog.IDENTITY, identity);
            rateLimiter.admit(identity);
            HttpMethod method = ctx.request().method();
            XsrfRule.check(method, ctx.request().headers());
            SpacePath target = SpacePath.parse(path);
            if (target.apiPath().equals(STATUS) && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
                status.report(ctx);
                return;
            }
            if (SecurityRoutes.owns(target.apiPath())) {
                Context context = Vertx.currentContext();
                Uni.createFrom().deferred(() -> security.handle(ctx, identity, target.apiPath()))
                        .emitOn(command -> context.runOnContext(ignored -> command.run()))
                        .subscribe().with(reply -> reply(ctx, reply), failure -> errors.fail(ctx, failure));
                return;
            }
            Service service = RouteTable.serviceFor(target.apiPath()).orElseThrow(Rejection::notFound);
            Authorization.check(identity, method, target, ctx.request().query());
            PageLimit.check(ctx.request().getParam("per_page"), maxPerPage);
            proxy.forward(ctx, identity, target, service);
        } catch (RuntimeException failure) {
            errors.fail(ctx, failure);
        }
    }

    private void reply(RoutingContext ctx, Reply reply) {
        if (reply.body() == null) {
            replies.noContent(ctx);
        } else {
            replies.send(ctx, reply.status(), reply.body());
        }
    }
}
