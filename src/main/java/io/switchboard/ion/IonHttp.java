package io.switchboard.ion;

import java.io.InterruptedIOException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;

/**
 * Every ION call (IMS API and OAuth2 token) as a camel-http exchange through route {@link IonHttpRoute}, so ION shows
 * up as Camel endpoints (statistics, JMX) like I2A and Pushover. Endpoint URIs carry only the URL and timeouts; secrets travel in headers and bodies.
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
                + "&httpClientConfigurer=#" + NO_AUTOMATIC_RETRIES;
    }

    /**
     * One request. path is appended to baseUrl as written (a raw lid:// stays raw, %2F stays %2F); body is a
     * String, byte[] or an httpclient5 HttpEntity (which brings its own Content-Type).
     */
    public Response call(String method, String baseUrl, String path, Map<String, String> headers, Object body,
            String what) {
        Exchange reply = template.send(IonHttpRoute.ENDPOINT, exchange -> {
            exchange.setProperty(IonHttpRoute.TARGET, endpointUri(baseUrl));
            var in = exchange.getIn();
            in.setHeader(Exchange.HTTP_METHOD, method);
            if (path != null) {
                in.setHeader(Exchange.HTTP_PATH, path);
            }
            headers.forEach(in::setHeader);
            in.setBody(body);
        });
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
