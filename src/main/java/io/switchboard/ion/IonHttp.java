package io.switchboard.ion;

import java.io.InterruptedIOException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpMethods;

/**
 * Every ION call (IMS API and OAuth2 token) as a camel-http exchange, so ION shows up as Camel endpoints (statistics,
 * JMX) like I2A and Pushover: the rare calls (token, versions, acceptedDocuments, ping) through route
 * {@link IonHttpRoute}; multipartMessage, once per outbound message, straight to its cached camel-http endpoint
 * (the template's producer cache: same client, timeouts and status handling, no route and no toD per message).
 * Endpoint URIs carry only the URL and timeouts; secrets travel in headers and bodies.
 */
public class IonHttp {

    /** Registry name of the HttpClientConfigurer that turns off Apache HttpClient's own retries for ION. */
    public static final String NO_AUTOMATIC_RETRIES = "ionHttpClientConfigurer";

    /** ION's answer: status and body (empty, never null). */
    public record Response(int status, byte[] body) {
    }

    private final ProducerTemplate template;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    // the resolved camel-http endpoint per base URL: the hot path skips resolving and normalising its URI per call
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    public IonHttp(ProducerTemplate template, Duration connectTimeout, Duration requestTimeout) {
        this.template = template;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** Retries are the ION session's backoff, not hidden inside the HTTP client (a 503 would be repeated). */
    public static HttpClientConfigurer noAutomaticRetries() {
        return builder -> builder.disableAutomaticRetries();
    }

    /**
     * The camel-http endpoint for an ION base URL: our own status handling, ION's timeouts on this endpoint only.
     * No query string of the base URL survives: a secret pasted there must not reach the endpoint registry.
     */
    public String endpointUri(String baseUrl) {
        int query = baseUrl.indexOf('?');
        String url = query < 0 ? baseUrl : baseUrl.substring(0, query);
        long connect = connectTimeout.toMillis();
        long answer = requestTimeout.toMillis();
        return url + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + connect
                + "&connectionRequestTimeout=" + answer
                + "&responseTimeout=" + answer
                + "&soTimeout=" + answer
                // the hub reads only the status and the body of ION's answers
                + "&skipResponseHeaders=true"
                + "&httpClientConfigurer=#" + NO_AUTOMATIC_RETRIES;
    }

    /**
     * One request. path is appended to baseUrl as written (a raw lid:// stays raw, %2F stays %2F); body is a
     * String, byte[] or an httpclient5 HttpEntity (which brings its own Content-Type).
     */
    public Response call(String method, String baseUrl, String path, Map<String, String> headers, Object body,
            String what) {
        return answer(template.send(IonHttpRoute.ENDPOINT, exchange -> {
            exchange.setProperty(IonHttpRoute.TARGET, endpointUri(baseUrl));
            request(exchange, method, path, headers, body);
        }), what);
    }

    /**
     * The same request on the hot path (multipartMessage): sent to the cached camel-http endpoint of baseUrl through
     * the template, without route ion-http.
     */
    public Response send(String method, String baseUrl, String path, Map<String, String> headers, Object body,
            String what) {
        Endpoint endpoint = endpoints.computeIfAbsent(baseUrl,
                url -> template.getCamelContext().getEndpoint(endpointUri(url)));
        Processor request = exchange -> request(exchange, method, path, headers, body);
        return answer(template.send(endpoint, request), what);
    }

    private static void request(Exchange exchange, String method, String path, Map<String, String> headers,
            Object body) {
        var in = exchange.getIn();
        // the enum itself: a String here costs camel-http a type conversion per call
        in.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
        if (path != null) {
            in.setHeader(Exchange.HTTP_PATH, path);
        }
        headers.forEach(in::setHeader);
        in.setBody(body);
    }

    private Response answer(Exchange reply, String what) {
        Exception failure = reply.getException();
        if (failure != null) {
            throw unavailable(failure, what);
        }
        int status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] answer = reply.getMessage().getBody(byte[].class);
        return new Response(status, answer == null ? new byte[0] : answer);
    }

    private IonUnavailable unavailable(Exception failure, String what) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InterruptedIOException) {
            // SocketTimeoutException (no answer in time) and httpclient5's ConnectTimeoutException
            return new IonUnavailable(0, what + ": timeout (connect " + connectTimeout.toMillis() + " ms, answer "
                    + requestTimeout.toMillis() + " ms)");
        }
        return new IonUnavailable(0, what + ": no answer: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }
}
