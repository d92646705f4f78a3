package io.switchboard.ops;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * onRedeliveryRef of every dead-letter channel (routes/error-handling.camel.yaml): the original message
 * replaces the failed one on the way to the dead letter, so the redelivery count is kept where it survives.
 */
public final class RedeliveryCount implements Processor {

    /** The bean name route configurations refer to. */
    public static final String BEAN = "hubRedeliveryCount";

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(DeadLetterRecorder.REDELIVERIES,
                exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
    }
}
