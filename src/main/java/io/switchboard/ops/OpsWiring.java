package io.switchboard.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.HubProperties;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.MessageStore;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/** Wires the operator layer: dead-letter routes and desk, admin API, metrics, health, JMX MBeans. */
public final class OpsWiring {

    private OpsWiring() {
    }

    public static void install(CamelContext context, HubProperties props, MessageStore messages,
            DeadLetterStore deadLetterStore, PrometheusMeterRegistry registry) throws Exception {
        PeerMonitors peers = context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class);
        HubMetrics metrics = new HubMetrics(registry, messages, deadLetterStore, peers);
        context.getRegistry().bind("hubMetrics", metrics);
        context.getRegistry().bind("deadLetterAlerts", new DeadLetterAlerts(metrics));
        context.getRegistry().bind("deadLetterReport", new DeadLetterReport(context));
        context.getManagementStrategy().addEventNotifier(new RedeliveryCounter(metrics));

        DeadLetters deadLetters = new DeadLetters(context, deadLetterStore, metrics,
                props.integer("hub.dead-letter.replay-batch-size"));
        context.getRegistry().bind("deadLetters", deadLetters);
        AdminViews views = new AdminViews(deadLetterStore, messages);
        DeadLetterApi api = new DeadLetterApi(deadLetters, views);

        context.addRoutes(new DeadLetterRoutes());
        context.addRoutes(new ObserveRoutes(registry, metrics));
        context.addRoutes(new AdminRoutes(api, new MessageJourneyApi(messages, views, api)));

        RouteTableVersion routeTable = new RouteTableVersion(context);
        context.addService(new ManagementBeans()
                .add("Hub", new HubManagement(new HealthReport(context), peers, deadLetterStore, routeTable, views))
                .add("DeadLetters", new DeadLettersManagement(deadLetters, views)));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // the HTTP server exists only once the context has started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                var router = HttpRouter.of(ctx, props.integer("camel.server.port"));
                HttpRefusals.install(router);
                UploadDeadline.install(router, props.longValue("hub.http.upload-timeout"));
                routeTable.current();
            }
        });
    }
}
