package io.switchboard.acrobits;

import java.time.Clock;
import java.time.Duration;

import io.switchboard.HubJson;
import io.switchboard.HubProperties;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.Database;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the directory and the Acrobits web services (hub.acrobits.*). */
public final class AcrobitsWiring {

    private static final Logger LOG = LoggerFactory.getLogger(AcrobitsWiring.class);

    private AcrobitsWiring() {
    }

    public static void install(CamelContext context, HubProperties props, Database database) throws Exception {
        String cloudId = props.get("hub.acrobits.cloud-id");
        DirectoryStore directory = new DirectoryStore(database, cloudId);
        PasswordHasher hasher = new PasswordHasher(props.integer("hub.acrobits.password-iterations"));
        LoginThrottle throttle = new LoginThrottle(database, props.integer("hub.acrobits.rate-limit.max-failures"),
                Duration.ofSeconds(props.longValue("hub.acrobits.rate-limit.window-seconds")), Clock.systemUTC());
        AcrobitsAuthenticator authenticator = new AcrobitsAuthenticator(directory, hasher, throttle, cloudId,
                props.secret("hub.acrobits.shared-secret"));
        context.getRegistry().bind("directoryStore", directory);
        long conflicts = directory.identityConflictsReported();
        if (conflicts > 0) {
            LOG.warn("event=directory-identity-conflicts users={} table=directory_identity_conflict"
                    + " action=\"give them new cloud/SIP usernames and reactivate (docs/acrobits.md, Unique identities)\"",
                    conflicts);
        }
        context.getRegistry().bind("acrobitsPasswordHasher", hasher);
        context.getRegistry().bind("acrobitsAuthenticator", authenticator);

        context.addRoutes(new AcrobitsErrors());
        context.addRoutes(new DirectoryUpdateRoutes(directory, props.get("hub.acrobits.default-network-id")));
        context.addRoutes(new DirectoryApiRoutes(HubJson.mapper(), directory, hasher, props.get("hub.acrobits.sms-carrier"),
                props.integer("hub.acrobits.import-max-users")));
        context.addRoutes(new AcrobitsAuthRoutes(authenticator));
        context.addRoutes(new ContactsRoutes(authenticator, directory));
        context.addRoutes(new ProvisioningRoutes(authenticator, props.get("hub.acrobits.title")));

        PeerMonitors monitors = context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class);
        monitors.register(new AcrobitsMonitor(authenticator, directory));
    }
}
