package io.switchboard;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.ops.ApiAuthentication;
import io.switchboard.ops.ConfiguredPeers;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.ops.OpsWiring;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.ops.RedeliveryCount;
import io.switchboard.ops.RouteTableVersion;
import io.switchboard.routes.ErrorHandlingFile;
import io.switchboard.routes.RouteReloadWiring;
import io.switchboard.ops.StartupBanner;
import io.switchboard.ops.StartupGate;
import io.switchboard.store.Database;
import io.switchboard.store.DatabaseHealthCheck;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.MessageStore;
import io.switchboard.store.OpeningStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;

/** Wires the hub: store, beans, health, metrics and the Java routes; YAML routes come from routes/. */
public class HubConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        HubProperties props = new HubProperties(context);
        HardenedXml.install(context); // the routing table's xpath: expressions parse like every other XML here

        // opened and migrating since camel-main read the properties (StoreBoot); opened here when used without it
        OpeningStore store = context.getRegistry().lookupByNameAndType(OpeningStore.BEAN, OpeningStore.class);
        if (store == null) {
            store = OpeningStore.open(props);
        }
        HikariDataSource dataSource = store.dataSource();
        context.addService(new Closer(dataSource));
        store.awaitMigrated();
        String printableDbUrl = store.printableUrl();

        Database database = new Database(dataSource);
        MessageStore messageStore = new MessageStore(database);
        DeadLetterStore deadLetterStore = new DeadLetterStore(database);
        context.getRegistry().bind("dataSource", dataSource);
        context.getRegistry().bind("database", database);
        context.getRegistry().bind("messageStore", messageStore);
        context.getRegistry().bind("deadLetterStore", deadLetterStore);
        context.getRegistry().bind("deadLetterRecorder", new DeadLetterRecorder(deadLetterStore));
        context.getRegistry().bind("hubProperties", props);
        // the one JSON mapper: REST DSL, marshal().json() (camel.dataformat.jackson.auto-discover-object-mapper)
        // and the API handlers all use it
        context.getRegistry().bind("objectMapper", HubJson.mapper());
        context.getRegistry().bind("peerMonitors", new PeerMonitors());

        // registered once the context starts: camel-main sets up its own health registry after configure()
        DatabaseHealthCheck databaseHealth = new DatabaseHealthCheck(database, printableDbUrl);
        StartupGate startupGate = new StartupGate();
        context.getRegistry().bind(StartupGate.BEAN, startupGate);
        context.addStartupListener((ctx, alreadyStarted) -> {
            HealthCheckRegistry.get(ctx).register(databaseHealth);
            HealthCheckRegistry.get(ctx).register(startupGate);
        });

        // one Prometheus registry: camel.metrics.* (camel-micrometer-prometheus) adds route, exchange and JVM
        // meters to the registry bound under this name, the hub binds its business meters to the same one
        PrometheusMeterRegistry metrics = context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class);
        if (metrics == null) {
            metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, metrics);
        }

        String listen = "http://" + props.get("camel.server.host") + ":" + props.get("camel.server.port");
        context.getManagementStrategy().addEventNotifier(new StartupBanner(listen,
                printableDbUrl, ConfiguredPeers.detect(props::get)));

        // the dead-letter channels themselves are route configurations in routes/error-handling.camel.yaml,
        // in the model before the first Java route is added (a route takes its configuration when added)
        context.getRegistry().bind(RedeliveryCount.BEAN, new RedeliveryCount());
        ErrorHandlingFile.load(context, props);
        // kamelet:rest-peer-sink: retries are the dead-letter-rest-peer policy's job, not the HTTP client's
        context.getRegistry().bind("restPeerHttpClientConfigurer",
                (HttpClientConfigurer) builder -> builder.disableAutomaticRetries());
        context.addRoutes(new HttpErrors());
        context.getRegistry().bind("apiAuthentication", ApiAuthentication.from(props));
        OpsWiring.install(context, props, messageStore, deadLetterStore, metrics);
        RouteReloadWiring.install(context, props,
                context.getRegistry().lookupByNameAndType("routeTableVersion", RouteTableVersion.class));

        io.switchboard.ops.InstanceWiring.install(context, database);
        // integrations: one line each, the package's own wiring class does the rest
        io.switchboard.ion.IonOutboundWiring.install(context, props, database);
        io.switchboard.alert.AlertWiring.install(context, props, database);
        io.switchboard.acrobits.AcrobitsWiring.install(context, props, database);
        io.switchboard.chat.ChatWiring.install(context, props, database);
        io.switchboard.ion.IonInboundWiring.install(context, props, database);
    }

    /** Closes the pool when Camel stops, after the routes. */
    private static final class Closer extends ServiceSupport {
        private final HikariDataSource dataSource;

        Closer(HikariDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        protected void doStop() {
            dataSource.close();
        }
    }
}
