package io.switchboard.alert;

import java.time.Instant;
import java.util.OptionalInt;

import io.switchboard.store.PeerSlots;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one of Pushover's connection slots (shared by all instances) before a send and gives it back
 * after; an alert that finds no slot free goes back to the queue untouched for the next poll.
 */
public class PushoverSlotGate {

    /** Exchange property: the slot this send holds. */
    static final String SLOT = "SwitchboardPushoverSlot";

    private static final Logger LOG = LoggerFactory.getLogger(PushoverSlotGate.class);

    private final PeerSlots slots;
    private final AlertStore store;

    public PushoverSlotGate(PeerSlots slots, AlertStore store) {
        this.slots = slots;
        this.store = store;
    }

    public boolean acquire(Exchange exchange) {
        OptionalInt slot = slots.acquire();
        if (slot.isPresent()) {
            exchange.setProperty(SLOT, slot.getAsInt());
            return true;
        }
        QueuedAlert alert = exchange.getProperty(PushoverOutcome.ALERT, QueuedAlert.class);
        store.giveBack(alert.id(), Instant.now());
        LOG.debug("event=alert-waits-for-slot alertId={}", alert.id());
        return false;
    }

    public void release(Exchange exchange) {
        Integer slot = exchange.getProperty(SLOT, Integer.class);
        if (slot != null) {
            slots.release(slot);
            exchange.removeProperty(SLOT);
        }
    }
}
