package io.switchboard.ion;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.ops.HttpRefusals;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.AsyncProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the two IMS message endpoints: reads the raw body on the Vert.x event loop with the
 * hub.ims.max-message-bytes cap, then starts the message route (direct:ims-…) on a worker and writes its
 * answer when the route completes — asynchronously, from the group commit's completion: the worker is
 * free again as soon as the request is parsed and queued, no thread is parked per request. Hand-written because platform-http can only read a multipart body raw by holding a worker
 * thread for the whole upload (useBodyHandler=false), and its body handler turns parts without a
 * filename (how ION v3 sends MessagePayload) into strings. A slow upload holds a connection, never a
 * thread; ops/UploadDeadline ends it.
 */
public class ImsMessageIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ImsMessageIntake.class);
    // response headers the message routes set deliberately; nothing from the request is echoed
    private static final String[] ANSWER_HEADERS = {"Retry-After", "WWW-Authenticate"};
    private static final String RETRY_AFTER_STOPPING = "5";
    private static final String STOPPING = "the hub is stopping; nothing was kept, send it again later";

    private final CamelContext context;
    private final long maxBytes;
    private final long inlineMaxBytes;
    private final Map<String, AsyncProducer> producers = new ConcurrentHashMap<>();

    public ImsMessageIntake(CamelContext context, long maxBytes) {
        this(context, maxBytes, -1);
    }

    /**
     * inlineMaxBytes: requests up to this size are parsed and queued on the event loop that read them (no
     * worker hand-off); -1 = never (JWT mode, whose key fetch may block, passes -1).
     */
    public ImsMessageIntake(CamelContext context, long maxBytes, long inlineMaxBytes) {
        this.context = context;
        this.maxBytes = maxBytes;
        this.inlineMaxBytes = inlineMaxBytes;
    }

    /** Serves POST path -> route endpoint (order: after the upload deadline, before anything else). */
    public void install(Router router, Map<String, String> endpointsByPath) {
        endpointsByPath.forEach((path, endpoint) -> router.route(HttpMethod.POST, path).order(Integer.MIN_VALUE + 2)
                .handler(rc -> read(rc, endpoint)));
    }

    void read(RoutingContext rc, String endpoint) {
        HttpServerRequest request = rc.request();
        if (stopping()) {
            rc.response().putHeader("Retry-After", RETRY_AFTER_STOPPING);
            HttpRefusals.answerAndClose(rc, 503, "hub_stopping", STOPPING); // the body is never read
            return;
        }
        String declared = request.getHeader("Content-Length");
        if (declared != null && length(declared) > maxBytes) {
            HttpRefusals.answerAndClose(rc, 413, "payload_too_large", tooLarge());
            return;
        }
        BodyChunks body = new BodyChunks();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                request.handler(null);
                HttpRefusals.answerAndClose(rc, 413, "payload_too_large", tooLarge());
            } else {
                body.add(chunk);
            }
        });
        request.exceptionHandler(e -> LOG.debug("event=http-client-aborted path={} bytes={} error=\"{}\"",
                request.path(), body.length(), e.toString()));
        request.endHandler(v -> {
            if (!rc.response().ended()) {
                run(rc, endpoint, body.bytes());
            }
        });
        request.resume();
    }

    private void run(RoutingContext rc, String endpoint, byte[] body) {
        AsyncProducer producer = producer(endpoint);
        // the producer's endpoint: resolving the URI again per request (normalising it) cost ~2 % of the intake
        Exchange exchange = producer.getEndpoint().createExchange(ExchangePattern.InOut);
        Message in = exchange.getIn();
        rc.request().headers().forEach(h -> in.setHeader(h.getKey(), h.getValue()));
        // the v3 "message/multipart" variant may carry its parameters in the query
        rc.queryParams().forEach(p -> {
            if (in.getHeader(p.getKey()) == null) {
                in.setHeader(p.getKey(), p.getValue());
            }
        });
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        in.setHeader(Exchange.HTTP_PATH, rc.request().path());
        in.setBody(body);
        if (body.length <= inlineMaxBytes) {
            // small body, no remote call to authenticate: parsed and queued right here (tens of µs), one thread hop less
            try {
                producer.process(exchange, doneSync -> finish(rc, exchange, null));
            } catch (RuntimeException failure) {
                finish(rc, exchange, failure);
            }
            return;
        }
        // the worker parses, authenticates and queues the row, then returns; the callback answers
        rc.vertx().executeBlocking(() -> producer.process(exchange, doneSync -> finish(rc, exchange, null)), false)
                .onFailure(failure -> finish(rc, exchange, failure));
    }

    private void finish(RoutingContext rc, Exchange exchange, Throwable failed) {
        Throwable failure = failed != null ? failed : exchange.getException();
        if (failure != null) {
            if (stopping() || rejectedByStop(failure)) {
                refuseWhileStopping(rc); // nothing was committed: ION sends it again
                return;
            }
            LOG.error("event=ims-intake-error path={} error=\"{}\"", rc.request().path(), failure, failure);
            HttpRefusals.answer(rc, 500, "internal_error", "unexpected error (a bug)");
            return;
        }
        answer(rc, exchange.getMessage());
    }

    private AsyncProducer producer(String endpoint) {
        return producers.computeIfAbsent(endpoint, uri -> {
            try {
                AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
                ServiceHelper.startService(producer);
                return producer;
            } catch (Exception e) {
                throw new IllegalStateException("cannot create producer for " + uri, e);
            }
        });
    }

    /**
     * A graceful stop takes no new messages (else in-flight work never ends and the stop is forced): 503
     * with Retry-After, the documented answer ION retries; whatever was acknowledged before is on disk.
     */
    private boolean stopping() {
        return context.isStopping() || context.isStopped();
    }

    private static void refuseWhileStopping(RoutingContext rc) {
        LOG.debug("event=ims-refused-stopping path={}", rc.request().path());
        rc.response().putHeader("Retry-After", RETRY_AFTER_STOPPING);
        HttpRefusals.answer(rc, 503, "hub_stopping", STOPPING);
    }

    private static boolean rejectedByStop(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    private static void answer(RoutingContext rc, Message out) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        rc.response().setStatusCode(out.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        String contentType = out.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            rc.response().putHeader("Content-Type", contentType);
        }
        for (String name : ANSWER_HEADERS) {
            String value = out.getHeader(name, String.class);
            if (value != null) {
                rc.response().putHeader(name, value);
            }
        }
        String body = out.getBody(String.class);
        rc.response().end(body == null ? "" : body);
    }

    private String tooLarge() {
        return "request exceeds hub.ims.max-message-bytes=" + maxBytes;
    }

    private static long length(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
