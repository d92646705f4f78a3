package io.switchboard.ops;

import org.apache.camel.builder.RouteBuilder;

/** The end of the dead-letter channel: store the failed exchange so it can be replayed. */
public class DeadLetterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(DeadLetterChannel.ENDPOINT).routeId("dead-letter-record")
                // a failure here must not re-enter the channel it ends
                .errorHandler(noErrorHandler())
                .bean("deadLetterRecorder", "record");
    }
}
