package io.switchboard.chat;

import io.switchboard.acrobits.DirectoryEvents;
import io.switchboard.ops.DeadLetterChannel;
import org.apache.camel.builder.RouteBuilder;

/**
 * direct:directory-user-deactivated → remove the user from their rooms and close their sessions. Same
 * redelivery policy as chat events (I2A 5xx/timeouts retried with back-off); what cannot succeed as it
 * is becomes a dead letter at once, to replay once I2A or the configuration is fixed.
 */
public class DirectoryDepartureRoutes extends RouteBuilder {

    private final DirectoryDepartures departures;

    public DirectoryDepartureRoutes(DirectoryDepartures departures) {
        this.departures = departures;
    }

    @Override
    public void configure() {
        from(DirectoryEvents.USER_DEACTIVATED).routeId("chat-user-departure")
                .routeConfigurationId(DeadLetterChannel.idFor(ChatEventRoutes.POLICY))
                .onException(I2aRejected.class, I2aAuthFailed.class, ChatDisabled.class, InvalidChatEvent.class)
                    .maximumRedeliveries(0).useOriginalMessage()
                .end()
                .bean(departures, "userDeactivated");
    }
}
