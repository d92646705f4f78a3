package io.switchboard.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Exchange;

/** A stand-in for a peer inside a test route: refuses while failing, records what it accepted. */
class Downstream {

    final AtomicBoolean failing = new AtomicBoolean(true);
    final List<String> delivered = new CopyOnWriteArrayList<>();

    public void deliver(Exchange exchange) {
        if (failing.get()) {
            throw new IllegalStateException("peer refused the call with password=hunter2");
        }
        delivered.add(exchange.getIn().getBody(String.class) + "|" + exchange.getIn().getHeader("Origin"));
    }
}
