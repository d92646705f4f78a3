package io.switchboard.acrobits;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.ion.IonHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * direct:directory-update — applies a SyncContactMaster BOD (body) to the directory. Runs under the
 * route configuration dead-letter-directory (routes/error-handling.camel.yaml, hub.redelivery.directory.*);
 * a BOD that can never apply (InvalidContactMaster, or DuplicateIdentity: it would give a user someone
 * else's cloud username) skips redelivery there.
 */
public class DirectoryUpdateRoutes extends RouteBuilder {

    static final String CONFIGURATION_ID = "dead-letter-directory";

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryUpdateRoutes.class);

    private final DirectoryStore directory;
    private final String defaultNetworkId;

    public DirectoryUpdateRoutes(DirectoryStore directory, String defaultNetworkId) {
        this.directory = directory;
        this.defaultNetworkId = defaultNetworkId;
    }

    @Override
    public void configure() {
        from(IonHeaders.DIRECTORY_UPDATE_ENDPOINT).routeId("directory-update")
                .routeConfigurationId(CONFIGURATION_ID)
                .process(this::apply)
                .split(exchangeProperty(DirectoryEvents.DEACTIVATED_USERS))
                    .wireTap(DirectoryEvents.USER_DEACTIVATED).onPrepare(DirectoryEvents.USERNAME_ONLY)
                .end();
    }

    void apply(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(IonHeaders.MESSAGE_ID, String.class);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("messageId", messageId)) {
            applyAll(exchange);
        }
    }

    private void applyAll(Exchange exchange) {
        List<String> deactivated = new ArrayList<>();
        exchange.setProperty(DirectoryEvents.DEACTIVATED_USERS, deactivated);
        for (ContactMasterUpdate update : ContactMasterBod.parse(exchange.getIn().getBody(String.class))) {
            directory.apply(update, defaultNetworkId);
            if (update.action() == ContactMasterUpdate.Action.DELETE) {
                deactivated.add(update.username());
            }
            LOG.info("event=directory-updated source=ion username={} action={} phones={}", update.username(),
                    update.action(), update.phones().size());
        }
    }
}
