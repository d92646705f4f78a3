package io.switchboard.ion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

import io.switchboard.HubProperties;
import io.switchboard.ops.HubInstance;
import io.switchboard.ops.DeadLetterReport;
import io.switchboard.ops.ManagementBeans;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.Database;
import io.switchboard.store.MessageStore;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires ION outbound: outbox, session, drain, routes, JMX and the "ion" peer monitor. */
public final class IonOutboundWiring {

    public static final String MBEAN_NAME = "Switchboard:type=IonSession";

    private static final Logger LOG = LoggerFactory.getLogger(IonOutboundWiring.class);

    private IonOutboundWiring() {
    }

    public static void install(CamelContext context, HubProperties props, Database database) throws Exception {
        var registry = context.getRegistry();
        OutboxStore outbox = new OutboxStore(database, registry.lookupByNameAndType("messageStore", MessageStore.class),
                // claimed_by names this instance as hub_instance does, so operators see who holds a lease
                registry.lookupByNameAndType(HubInstance.BEAN, HubInstance.class).id(),
                OutboxOrderingKey.parse(props.get("hub.ion.outbox.ordering-key")));
        registry.bind("ionOutboxStore", outbox);
        PeerMonitors monitors = registry.lookupByNameAndType("peerMonitors", PeerMonitors.class);
        long depthLimit = props.longValue("hub.health.queue-depth-limit");

        String logicalId = props.get("hub.ion.logical-id");
        IonCredentialsFile file = null;
        IonCredentials credentials = null;
        String disabledReason = null;
        String path = props.get("hub.ion.credentials-file");
        if (path.isBlank()) {
            disabledReason = "hub.ion.credentials-file not set";
        } else {
            try {
                file = new IonCredentialsFile(Path.of(path));
                credentials = file.load();
            } catch (IllegalArgumentException e) {
                disabledReason = "invalid credentials file: " + e.getMessage();
            }
        }
        if (disabledReason == null && logicalId.isBlank()) {
            disabledReason = "hub.ion.logical-id not set";
        }
        String tenant = props.get("hub.ion.tenant-id");
        OutboxEnqueue enqueue = new OutboxEnqueue(outbox,
                tenant.isBlank() && credentials != null ? credentials.tenantId() : tenant, logicalId);
        context.addRoutes(new OutboxApiRoutes(context.getRegistry().lookupByNameAndType("objectMapper",
                com.fasterxml.jackson.databind.ObjectMapper.class), enqueue, props.integer("hub.ion.max-payload-bytes")));

        if (disabledReason != null) {
            LOG.warn("event=ion-outbound-disabled reason=\"{}\" effect=\"messages are queued and kept, nothing is"
                    + " sent to ION until the credentials are configured\"", disabledReason);
            monitors.register(new IonOutboundDisabled(disabledReason, outbox, depthLimit));
            context.addRoutes(new OutboxRoutes(enqueue, null));
            return;
        }

        registry.bind(IonHttp.NO_AUTOMATIC_RETRIES, IonHttp.noAutomaticRetries());
        context.addRoutes(new IonHttpRoute());
        IonHttp http = new IonHttp(context.createProducerTemplate(),
                Duration.ofMillis(props.longValue("hub.ion.connect-timeout")),
                Duration.ofMillis(props.longValue("hub.ion.request-timeout")));
        IonClient client = new IonClient(http, new IonTokenCache(new IonTokenClient(http)),
                new IonClient.Settings(props.get("hub.ion.base-url"), logicalId, tenant,
                        IonClient.Encoding.valueOf(props.get("hub.ion.compression").toUpperCase(Locale.ROOT))),
                credentials);
        // created before start-up so JMX lists them (Camel registers endpoints made later only with registerAlways)
        context.getEndpoint(http.endpointUri(client.baseUrl()));
        context.getEndpoint(http.endpointUri(credentials.tokenUrl()));
        IonBackoff backoff = new IonBackoff(Duration.ofMillis(props.longValue("hub.ion.backoff.initial")),
                Duration.ofMillis(props.longValue("hub.ion.backoff.max")),
                Double.parseDouble(props.get("hub.ion.backoff.multiplier")),
                Double.parseDouble(props.get("hub.ion.backoff.jitter")));
        IonSession session = new IonSession(client, file, outbox,
                new IonAlerts(context.createProducerTemplate()),
                new IonOutageLog(Duration.ofMillis(props.longValue("hub.ion.error-log-window"))),
                new IonSession.Settings(backoff, Duration.ofMillis(props.longValue("hub.ion.accepted-documents.refresh")),
                        Duration.ofMillis(props.longValue("hub.ion.ping-after-idle"))));
        int parallelism = props.integer("hub.ion.parallelism");
        ExecutorService senders = context.getExecutorServiceManager()
                .newFixedThreadPool(IonOutboundWiring.class, "ion-outbox-send", parallelism);
        // one writer thread: the SENT rows of all lanes in shared commits (group commit)
        OutboxSentWriter sentWriter = new OutboxSentWriter(outbox, context.getExecutorServiceManager()
                .newSingleThreadExecutor(IonOutboundWiring.class, "ion-outbox-sent"),
                props.integer("hub.ion.outbox.sent-batch"));
        // stopped after the routes (Camel stops routes first): writes what lanes handed over, then ends its thread
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                sentWriter.stop();
            }
        });
        OutboxDrain drain = new OutboxDrain(outbox, session, client,
                registry.lookupByNameAndType("deadLetterReport", DeadLetterReport.class), senders, sentWriter,
                new OutboxDrain.Settings(parallelism,
                Duration.ofMillis(props.longValue("hub.ion.lease")),
                OutboxDrain.OnInvalid.valueOf(props.get("hub.ion.on-invalid").toUpperCase(Locale.ROOT)),
                props.integer("hub.ion.outbox.claim-per-key"),
                Duration.ofMillis(props.longValue("hub.ion.outbox.sent-summary-interval"))));
        IonSessionManagement management = new IonSessionManagement(session, outbox, depthLimit);
        registry.bind("ionSession", management);
        monitors.register(management);
        context.addService(new ManagementBeans().add("IonSession", management, IonSessionMBean.class));
        context.addRoutes(new OutboxRoutes(enqueue, drain));
        LOG.info("event=ion-outbound-enabled baseUrl={} logicalId={} tenantId={} parallelism={}", client.baseUrl(),
                logicalId, client.tenantId(), parallelism);
    }
}
