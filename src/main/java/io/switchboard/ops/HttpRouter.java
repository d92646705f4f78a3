package io.switchboard.ops;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/** The Vert.x router of the hub's HTTP server (platform-http), for handlers that act before any route. */
public final class HttpRouter {

    private HttpRouter() {
    }

    /** The router on camel.server.port; exists once the context has started. */
    public static Router of(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            throw new IllegalStateException("no platform-http router on port " + port);
        }
        return router;
    }
}
