package io.switchboard.ops;

import java.util.Optional;

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

    /**
     * The server's outer router, which mounts the one above: it decodes the path before any of the hub's
     * handlers run, so a path it cannot decode (%zz) fails there. Camel does not expose it; the Vert.x
     * server's request handler is it. Empty if that ever changes.
     */
    public static Optional<Router> outer(CamelContext context, int port) {
        if (of(context, port) instanceof VertxPlatformHttpRouter router && router.getServer() != null
                && router.getServer().getServer() != null
                && router.getServer().getServer().requestHandler() instanceof Router outer) {
            return Optional.of(outer);
        }
        return Optional.empty();
    }
}
