package io.switchboard.alert;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The HTTP client Pushover requests use. Apache HttpClient would silently repeat a 429 or 503 after
 * a second; Pushover forbids repeating a 4xx and wants 5 s between retries, so the sender decides alone.
 * Connections are not kept open after a request: with several hub instances, idle pooled connections
 * would add up past Pushover's two; an open connection exists only while a slot is held.
 */
public class PushoverHttpClient implements HttpClientConfigurer {

    public static final String BEAN = "pushoverHttpClient";

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
        clientBuilder.setConnectionReuseStrategy((request, response, context) -> false);
    }
}
