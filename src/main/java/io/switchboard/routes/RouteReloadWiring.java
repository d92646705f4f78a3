package io.switchboard.routes;

import io.switchboard.HubProperties;
import io.switchboard.ops.RouteTableVersion;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns safe route reload on when hub.routes.reload.enabled is true (make run does; production opts in). */
public final class RouteReloadWiring {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloadWiring.class);

    private RouteReloadWiring() {
    }

    public static void install(CamelContext context, HubProperties props, RouteTableVersion version) throws Exception {
        if (props.bool("camel.main.routes-reload-enabled")) {
            LOG.warn("event=unsafe-route-reload camel.main.routes-reload-enabled=true: Camel's own reload removes"
                    + " every route (Java ones too) on each change; use hub.routes.reload.enabled instead");
        }
        if (!props.bool("hub.routes.reload.enabled")) {
            return;
        }
        SafeRouteReload reload = new SafeRouteReload(context, version,
                props.get("hub.alert.priority.route-edit-rejected"));
        context.getRegistry().bind("safeRouteReload", reload);
        context.addService(new RouteFileWatcher(props.get("hub.routes.reload.directory"), reload));
    }
}
