package io.switchboard.ops;

import io.switchboard.alert.AlertHeaders;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The end of the dead-letter channel: store the failed exchange so it can be replayed, count it,
 * and raise one alert per failing route (dedup key "dead-letter.{routeId}" folds a storm into one).
 */
public class DeadLetterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(DeadLetterChannel.ENDPOINT).routeId("dead-letter-record")
                // a failure here must not re-enter the channel it ends
                .errorHandler(noErrorHandler())
                .bean("deadLetterRecorder", "record")
                .bean("deadLetterAlerts", "prepare")
                .filter(header(AlertHeaders.TITLE).isNotNull())
                    .doTry()
                        .to(AlertHeaders.ENDPOINT)
                    .doCatch(Exception.class)
                        .log(LoggingLevel.WARN, "event=dead-letter-alert-failed"
                                + " deadLetterId=${header." + DeadLetterRecorder.DEAD_LETTER_ID + "}"
                                + " error=\"${exception.message}\"")
                    .end()
                .end();
    }
}
