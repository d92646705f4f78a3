package io.switchboard.chat;

import java.time.Clock;
import java.time.Duration;

import io.switchboard.HubProperties;
import io.switchboard.acrobits.DirectoryStore;
import io.switchboard.acrobits.LoginThrottle;
import io.switchboard.acrobits.PasswordHasher;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.Database;
import io.switchboard.store.KeyLock;
import io.switchboard.store.LockNamespaces;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the I2A chat back end: client, store, the beans behind direct:chat-event, /api/chat and the "i2a" peer monitor. */
public final class ChatWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ChatWiring.class);

    private ChatWiring() {
    }

    public static void install(CamelContext context, HubProperties props, Database database) throws Exception {
        I2aSettings settings = I2aSettings.from(props);
        if (!settings.enabled()) {
            LOG.warn("event=chat-disabled reason=\"hub.i2a.url/app-secret not set\" api=503 chatEvents=dead-letter");
        }
        context.getRegistry().bind(I2aClient.NO_AUTOMATIC_RETRIES,
                (HttpClientConfigurer) builder -> builder.disableAutomaticRetries());
        ProducerTemplate template = context.createProducerTemplate();
        ChatRoomStore store = new ChatRoomStore(database);
        I2aLink link = new I2aLink(settings.enabled(), template, store::depths);
        I2aClient client = new I2aClient(settings, link, template);
        ChatRooms rooms = new ChatRooms(store, client, new KeyLock(database, LockNamespaces.CHAT_ROOM));
        DirectoryUsers directory = new DirectoryUsers(database);
        DirectoryStore directoryStore = context.getRegistry().lookupByNameAndType("directoryStore", DirectoryStore.class);
        ChatSessionStore sessionStore = new ChatSessionStore(database);
        ChatSessions sessions = new ChatSessions(client, sessionStore, directoryStore);
        ChatAuthentication authentication = authentication(context, props, directory, directoryStore);

        context.getRegistry().bind("i2aLink", link);
        context.getRegistry().bind("chatRooms", rooms);
        context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class).register(link);

        // the routes calling these (direct:chat-event, the departure rule) are YAML: routes/chat-events.camel.yaml
        context.getRegistry().bind("chatEvents", new ChatEvents(rooms, directory, settings.defaultRoomType(),
                settings.enabled()));
        context.getRegistry().bind("chatDepartures", new DirectoryDepartures(rooms, sessions, sessionStore, directory,
                settings.enabled()));
        context.addRoutes(new ChatApiRoutes(new ChatApi(rooms, sessions, link, directory, settings, authentication,
                ChatAuthSettings.from(props).serviceMayImpersonate())));
    }

    /** App users sign in with directory credentials (same hashes and throttle rules as Acrobits) or an IdP JWT. */
    private static ChatAuthentication authentication(CamelContext context, HubProperties props, DirectoryUsers directory,
                                                     DirectoryStore directoryStore) {
        ChatAuthSettings auth = ChatAuthSettings.from(props);
        PasswordHasher hasher = context.getRegistry().lookupByNameAndType("acrobitsPasswordHasher", PasswordHasher.class);
        LoginThrottle throttle = new LoginThrottle(context.getRegistry().lookupByNameAndType("database",
                Database.class), props.integer("hub.acrobits.rate-limit.max-failures"),
                Duration.ofSeconds(props.longValue("hub.acrobits.rate-limit.window-seconds")), Clock.systemUTC());
        if (auth.jwtIncomplete() != null) {
            LOG.warn("event=chat-idp-sign-in-disabled reason=\"{}\"", auth.jwtIncomplete());
        }
        IdpTokens tokens = auth.jwtEnabled() ? new IdpTokens(auth) : null;
        LOG.info("event=chat-sign-in directoryCredentials={} idpTokens={} serviceMayImpersonate={}",
                auth.directoryCredentials(), tokens != null, auth.serviceMayImpersonate());
        Processor service = context.getRegistry().lookupByNameAndType("apiAuthentication", Processor.class);
        return new ChatAuthentication(service, auth, new DirectoryCredentials(directoryStore, hasher, throttle), tokens,
                directory);
    }
}
