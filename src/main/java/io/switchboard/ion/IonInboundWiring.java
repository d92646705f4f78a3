package io.switchboard.ion;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.HubProperties;
import io.switchboard.alert.AlertIntake;
import io.switchboard.ops.HttpRouter;
import io.switchboard.ops.HubInstance;
import io.switchboard.ops.StartupGate;
import io.switchboard.store.Database;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.DiskSync;
import io.switchboard.store.GroupCommit;
import io.switchboard.store.MessageStore;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires ION inbound: the IMS endpoint, the group-commit writer, dispatch and its recovery. */
public final class IonInboundWiring {

    private static final Logger LOG = LoggerFactory.getLogger(IonInboundWiring.class);

    private IonInboundWiring() {
    }

    public static void install(CamelContext context, HubProperties props, Database database) throws Exception {
        ImsSettings settings = ImsSettings.from(props);
        ImsAuthentication authentication = ImsAuthentication.from(props);
        // one group commit for new rows and dispatch statuses: one transaction and disk write per batch
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        DiskSync diskSync = DiskSync.forUrl(props.get("hub.db.url"), Boolean.parseBoolean(props.get("hub.db.fsync")));
        LOG.info("event=store-fsync enabled={} scope=\"{}\"", diskSync.enabled(), diskSync.enabled()
                ? "H2 file forced to the device after every group commit" : "none by the hub (off, or the database's own)");
        GroupCommit commits = new GroupCommit(context, database,
                props.integer("hub.ims.store.batch-size") + props.integer("hub.ims.dispatch.status-batch-size"),
                props.longValue("hub.ims.store.batch-wait-ms"), diskSync, meters);
        context.addService(commits);
        DispatchQueue queue = new DispatchQueue(context.createProducerTemplate());
        Duration lease = Duration.ofMillis(props.longValue("hub.ims.dispatch.lease"));
        DispatchStatusWriter statusWriter = new DispatchStatusWriter(commits, meters);
        DispatchStatus status = new DispatchStatus(new MessageStore(database),
                Duration.ofMillis(props.longValue("hub.ims.dispatch.recover-after")),
                context.getRegistry().lookupByNameAndType(HubInstance.BEAN, HubInstance.class).id(), lease,
                statusWriter);
        InboundMessageWriter writer = new InboundMessageWriter(commits,
                props.longValue("hub.ims.store.commit-timeout-ms"), status.intakeLease());
        context.getRegistry().bind("bodXPath", new BodXPath());
        context.getRegistry().bind("inboundMessageWriter", writer);

        DispatchDeliveries deliveries = new DispatchDeliveries(context.createProducerTemplate(), status,
                context.getRegistry().lookupByNameAndType("deadLetterStore", DeadLetterStore.class));
        DispatchRoutes dispatch = new DispatchRoutes(status, queue, deliveries);
        context.addRoutes(dispatch);
        context.addRoutes(DispatchRoutes.leaseRenewal(status, lease));
        io.micrometer.core.instrument.Gauge.builder("switchboard.dispatch.pending", context, DispatchQueue::pending)
                .description("inbound messages this instance holds for dispatch: queued in memory + in its workers")
                .register(meters);
        // stopped after the routes (Camel stops routes first): claims still held go back to RECEIVED
        DispatchStatus leases = status;
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                try {
                    LOG.info("event=ion-dispatch-leases-released count={}", leases.releaseLeases());
                } catch (RuntimeException e) {
                    LOG.warn("event=ion-dispatch-lease-release-failed reason=\"{}\" action=\"taken over after"
                            + " hub.ims.dispatch.lease\"", e.getMessage());
                }
            }
        });
        // a JWT check may fetch the JWKS over HTTP: never on the event loop
        long inline = "jwt".equals(authentication.mode()) ? -1 : props.longValue("hub.ims.inline-max-bytes");
        ImsMessageIntake intake = new ImsMessageIntake(context, settings.maxMessageBytes(), inline);
        context.addRoutes(new ImsEndpointRoutes(settings,
                new InboundReceiver(authentication, settings, writer, queue, status,
                        new IntakeRouting(context, Boolean.parseBoolean(props.get("hub.ims.dispatch.route-at-intake")),
                                queue, context.getRegistry().lookupByNameAndType(AlertIntake.BEAN, AlertIntake.class)))));
        // the HTTP router exists once the context has started; the bodies are read on its event loop
        int port = props.integer("camel.server.port");
        // not ready (/observe/health DOWN) until the handler is on the router
        StartupGate gate = context.getRegistry().lookupByNameAndType(StartupGate.BEAN, StartupGate.class);
        gate.await("ims-intake");
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // nothing yet: the HTTP server exists once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                intake.install(HttpRouter.of(ctx, port), ImsEndpointRoutes.messagePaths(settings));
                gate.done("ims-intake");
            }
        });
        LOG.info("event=ims-endpoint path={}/service auth={} authConfigured={} tenants={} maxMessageBytes={}",
                settings.contextPath(), authentication.mode(), authentication.configured(),
                props.get("hub.ims.tenants").isBlank() ? "any" : props.get("hub.ims.tenants"),
                settings.maxMessageBytes());
    }
}
