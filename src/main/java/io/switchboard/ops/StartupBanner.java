package io.switchboard.ops;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line when the hub is up: where it listens, which store, which peers are on. */
public class StartupBanner extends SimpleEventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.Switchboard");

    private final String listenAddress;
    private final String database;
    private final List<PeerStatus> peers;

    public StartupBanner(String listenAddress, String database, List<PeerStatus> peers) {
        this.listenAddress = listenAddress;
        this.database = database;
        this.peers = peers;
        setIgnoreExchangeEvents(true); // the context's start only: no event object per exchange for this notifier
        setIgnoreStepEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
    }

    @Override
    public boolean isEnabled(org.apache.camel.spi.CamelEvent event) {
        return event instanceof CamelContextStartedEvent;
    }

    @Override
    public void notify(org.apache.camel.spi.CamelEvent event) {
        LOG.info(line());
    }

    public String line() {
        String peerText = peers.stream().map(PeerStatus::bannerText).collect(Collectors.joining(" "));
        return "event=started http=" + listenAddress + " db=" + database + " peers: " + peerText;
    }
}
