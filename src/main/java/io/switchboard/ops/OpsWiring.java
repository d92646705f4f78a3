package io.switchboard.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.HubProperties;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.MessageStore;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the operator layer: dead-letter routes and desk, admin API, metrics, health, JMX MBeans. */
public final class OpsWiring {

    private static final Logger LOG = LoggerFactory.getLogger(OpsWiring.class);

    private OpsWiring() {
    }

    public static void install(CamelContext context, HubProperties props, MessageStore messages,
            DeadLetterStore deadLetterStore, PrometheusMeterRegistry registry) throws Exception {
        // before any route exists (routes take their policies when created): Camel's route timers for the hub's
        RouteTimersFactory.replaceIn(context);
        PeerMonitors peers = context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class);
        HubMetrics metrics = new HubMetrics(messages, deadLetterStore, peers,
                java.time.Duration.ofMillis(props.longValue("hub.metrics.store-refresh-ms")));
        metrics.bindTo(registry);
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
        context.addRoutes(new ApiRestConfiguration("1"));
        context.addRoutes(new AdminRoutes(api, new MessageJourneyApi(messages, views, api)));

        RouteTableVersion routeTable = new RouteTableVersion(context);
        context.getRegistry().bind("routeTableVersion", routeTable);
        context.addService(new ManagementBeans()
                .add("Hub", new HubManagement(new HealthReport(context), peers, deadLetterStore, routeTable, views))
                .add("DeadLetters", new DeadLettersManagement(deadLetters, views)));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) throws Exception {
                ExchangeTimers.replaceIn(ctx);
                // camel-main creates its health registry after configure(): peers join it here
                HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
                if (health != null) {
                    peers.all().forEach(peer -> health.register(new PeerHealthCheck(peers, peer.name())));
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                var router = HttpRouter.of(ctx, props.integer("camel.server.port"));
                HttpRefusals.install(router);
                HttpRouter.outer(ctx, props.integer("camel.server.port")).ifPresentOrElse(HttpRefusals::installOuter,
                        () -> LOG.warn("event=http-outer-router-missing effect=\"an undecodable path gets Vert.x's"
                                + " plain-text 400\""));
                UploadDeadline.install(router, props.longValue("hub.http.upload-timeout"));
                routeTable.current();
            }
        });
    }
}
