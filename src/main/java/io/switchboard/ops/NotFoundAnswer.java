package io.switchboard.ops;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.LoggerFactory;

/** Unknown paths (and known paths with a method they do not serve) answer the hub's JSON error body instead of Vert.x's HTML page. */
public final class NotFoundAnswer {

    private NotFoundAnswer() {
    }

    /** Installs the answers on the main HTTP server's router; call once the context has started. */
    public static void install(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            LoggerFactory.getLogger(NotFoundAnswer.class).warn("event=json-404-not-installed reason=no-http-router");
            return;
        }
        // the last route of the router: reached only when no endpoint (path + method) matched;
        // routes that consumers add later get lower order numbers and still come first
        router.route().order(Integer.MAX_VALUE).handler(rc -> answer(rc, 404, "not_found",
                "no endpoint for " + rc.request().method() + " " + rc.request().path()));
    }

    private static void answer(RoutingContext rc, int status, String code, String message) {
        if (rc.response().ended()) {
            return;
        }
        String body = "{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}";
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
