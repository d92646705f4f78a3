package io.switchboard.acrobits;

import java.time.Clock;
import java.time.Duration;

import io.switchboard.HubProperties;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.Database;
import org.apache.camel.CamelContext;

/** Wires the directory and the Acrobits web services (hub.acrobits.*). */
public final class AcrobitsWiring {

    private AcrobitsWiring() {
    }

    public static void install(CamelContext context, HubProperties props, Database database) throws Exception {
        DirectoryStore directory = new DirectoryStore(database);
        PasswordHasher hasher = new PasswordHasher(props.integer("hub.acrobits.password-iterations"));
        LoginThrottle throttle = new LoginThrottle(database, props.integer("hub.acrobits.rate-limit.max-failures"),
                Duration.ofSeconds(props.longValue("hub.acrobits.rate-limit.window-seconds")), Clock.systemUTC());
        String cloudId = props.get("hub.acrobits.cloud-id");
        AcrobitsAuthenticator authenticator = new AcrobitsAuthenticator(directory, hasher, throttle, cloudId,
                props.secret("hub.acrobits.shared-secret"));
        context.getRegistry().bind("directoryStore", directory);
        context.getRegistry().bind("acrobitsPasswordHasher", hasher);
        context.getRegistry().bind("acrobitsAuthenticator", authenticator);

        context.addRoutes(new DirectoryUpdateRoutes(directory, props.get("hub.acrobits.default-network-id")));
        context.addRoutes(new DirectoryApiRoutes(directory, hasher, props.get("hub.acrobits.sms-carrier"),
                props.integer("hub.acrobits.import-max-users")));
        context.addRoutes(new AcrobitsAuthRoutes(authenticator));
        context.addRoutes(new ContactsRoutes(authenticator, directory));
        context.addRoutes(new ProvisioningRoutes(authenticator, props.get("hub.acrobits.title")));

        PeerMonitors monitors = context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class);
        monitors.register(new AcrobitsMonitor(authenticator, directory));
    }
}
