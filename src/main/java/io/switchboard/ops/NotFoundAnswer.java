package io.switchboard.ops;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/** Unknown paths and wrong methods answer the hub's JSON error body instead of Vert.x's HTML page. */
public final class NotFoundAnswer {

    private NotFoundAnswer() {
    }

    /** Installs the answers on the main HTTP server's router; call once the context has started. */
    public static void install(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context);
        if (router == null) {
            return;
        }
        router.errorHandler(404, rc -> answer(rc, 404, "not_found", "no such endpoint: " + rc.request().path()));
        router.errorHandler(405, rc -> answer(rc, 405, "method_not_allowed",
                rc.request().method() + " is not allowed on " + rc.request().path()));
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
