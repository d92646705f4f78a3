package io.switchboard.ion;

import org.apache.camel.builder.RouteBuilder;

/**
 * Route "ion-http": every ION call passes here, so Camel counts and times it (route and endpoint statistics, JMX)
 * like the I2A and Pushover calls. No error handler: a failed call goes back to IonHttp as it is (no redelivery
 * here, the ION session's backoff decides) and the exhausted-exchange log, which prints headers, never sees the
 * bearer token.
 */
public class IonHttpRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:ion-http";
    /** Exchange property holding the camel-http endpoint URI of this call (URL and timeouts only). */
    public static final String TARGET = "IonHttpTarget";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("ion-http").errorHandler(noErrorHandler())
                // not optimised: camel-http's dynamic-send shortcut would overwrite our CamelHttpPath header
                .toD().uri("${exchangeProperty." + TARGET + "}").allowOptimisedComponents(false);
    }
}
