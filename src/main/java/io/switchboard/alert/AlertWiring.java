package io.switchboard.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import io.switchboard.HubProperties;
import io.switchboard.ops.HubInstance;
import io.switchboard.ops.ManagementBeans;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.Database;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.PeerPause;
import io.switchboard.store.PeerSlots;
import org.apache.camel.CamelContext;

/** Everything behind direct:alert: store, Pushover sender, quota tracking, JMX and peer monitor. */
public final class AlertWiring {

    private AlertWiring() {
    }

    public static void install(CamelContext context, HubProperties props, Database database) throws Exception {
        PushoverSettings settings = PushoverSettings.from(props);
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.systemDefault();
        AlertStore store = new AlertStore(database);
        // quota pause and connection slots live in the database: global across hub instances
        PushoverQuota quota = new PushoverQuota(clock, settings.quotaWarnPercent(), new PeerPause(database, PushoverQuota.PEER));
        HubInstance self = context.getRegistry().lookupByNameAndType(HubInstance.BEAN, HubInstance.class);
        PeerSlots slots = new PeerSlots(database, "pushover", settings.maxConcurrent(), self.id(),
                Duration.ofMillis(props.longValue("hub.pushover.slot-lease")), clock);
        PushoverRequest request = new PushoverRequest(settings, zone);
        DeadLetterStore deadLetters = context.getRegistry().lookupByNameAndType("deadLetterStore", DeadLetterStore.class);
        PushoverOutcome outcome = new PushoverOutcome(store, deadLetters, quota, settings, request, clock);
        AlertIntake intake = new AlertIntake(store, settings.window(),
                Duration.ofMillis(props.longValue("hub.alert.fold-interval")), clock);
        AlertDispatcher dispatcher = new AlertDispatcher(store, quota, settings, clock, zone);

        context.getRegistry().bind("alertStore", store);
        context.getRegistry().bind(AlertIntake.BEAN, intake);
        context.getRegistry().bind("pushoverQuota", quota);
        context.getRegistry().bind("pushoverSettings", settings);
        context.getRegistry().bind(PushoverHttpClient.BEAN, new PushoverHttpClient());
        context.addService(new ManagementBeans().add("Pushover",
                new PushoverManagement(settings, quota, store, outcome, clock), PushoverMBean.class));
        context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class)
                .register(new PushoverMonitor(settings, quota, store, outcome));
        context.addRoutes(new AlertRoutes(intake, dispatcher, request, outcome, settings,
                new PushoverSlotGate(slots, store)));
    }
}
