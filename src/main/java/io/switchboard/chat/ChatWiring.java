package io.switchboard.chat;

import io.switchboard.HubProperties;
import io.switchboard.ops.DeadLetterChannel;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.ops.RedeliverySettings;
import io.switchboard.store.Database;
import io.switchboard.store.KeyLock;
import io.switchboard.store.LockNamespaces;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the I2A chat back end: client, store, direct:chat-event, /api/chat and the "i2a" peer monitor. */
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

        context.getRegistry().bind("i2aLink", link);
        context.getRegistry().bind("chatRooms", rooms);
        context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class).register(link);

        context.addRoutes(new DeadLetterChannel(ChatEventRoutes.POLICY, RedeliverySettings.from(props, ChatEventRoutes.POLICY)));
        context.addRoutes(new ChatEventRoutes(new ChatEvents(rooms, directory, settings.defaultRoomType(),
                settings.enabled()), settings.maxConcurrentEvents()));
        context.addRoutes(new ChatApiRoutes(new ChatApi(rooms, client, link, directory, settings)));
    }
}
