package io.switchboard.ops;

import io.switchboard.alert.AlertHeaders;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The end of the dead-letter channel: store the failed exchange so it can be replayed, count it,
 * and raise one alert per failing route (dedup key "dead-letter.{routeId}" folds a storm into one).
 */
public class DeadLetterRoutes extends RouteBuilder {

    static final String ALERT = "direct:dead-letter-alert";

    @Override
    public void configure() {
        from(DeadLetterChannel.ENDPOINT).routeId("dead-letter-record")
                // a failure here must not re-enter the channel it ends
                .errorHandler(noErrorHandler())
                .bean("deadLetterRecorder", "record")
                // count and alert on a copy: the failed exchange goes back to its owner untouched
                .enrich(ALERT, (failed, alerted) -> failed);

        from(ALERT).routeId("dead-letter-alert")
                .errorHandler(noErrorHandler())
                .doTry()
                    .bean("deadLetterAlerts", "prepare")
                    .filter(header(AlertHeaders.TITLE).isNotNull())
                        .to(AlertHeaders.ENDPOINT)
                    .endDoTry()
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "event=dead-letter-alert-failed"
                            + " deadLetterId=${exchangeProperty." + DeadLetterRecorder.DEAD_LETTER_ID + "}"
                            + " error=\"${exception.message}\"")
                .end();
    }
}
