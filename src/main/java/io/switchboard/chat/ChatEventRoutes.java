package io.switchboard.chat;

import io.switchboard.ops.DeadLetterChannel;
import org.apache.camel.builder.RouteBuilder;

/**
 * direct:chat-event. I2A 5xx/timeouts are redelivered per hub.redelivery.chat.* (exponential
 * back-off, no thread held while waiting), at most hub.i2a.max-concurrent-events at a time; what can
 * never succeed as it is (I2A 400, refused secret, chat disabled, invalid event) is dead-lettered at once.
 */
public class ChatEventRoutes extends RouteBuilder {

    public static final String POLICY = "chat";

    private final ChatEvents events;
    private final int maxConcurrent;

    public ChatEventRoutes(ChatEvents events, int maxConcurrent) {
        this.events = events;
        this.maxConcurrent = maxConcurrent;
    }

    @Override
    public void configure() {
        from(ChatEventHeaders.ENDPOINT).routeId("chat-event")
                .routeConfigurationId(DeadLetterChannel.idFor(POLICY))
                .onException(I2aRejected.class, I2aAuthFailed.class, ChatDisabled.class, InvalidChatEvent.class)
                    .maximumRedeliveries(0).useOriginalMessage()
                .end()
                .throttle(maxConcurrent)
                .log("event=chat-event roomKey=${header." + ChatEventHeaders.ROOM_KEY + "} members=${header."
                        + ChatEventHeaders.MEMBERS + "}")
                .bean(events, "deliver");
    }
}
