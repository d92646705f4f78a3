package io.switchboard.ops;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP router itself refuses, before or outside any Camel route, answers in the hub's error
 * shape (JSON, XML under /acrobits): an unknown path (404), a body over camel.server.max-body-size
 * (413), a malformed query escape such as %zz (400), and any other failure of the router. A client
 * that went away mid-request is one DEBUG line, nothing else.
 */
public final class HttpRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRefusals.class);

    private HttpRefusals() {
    }

    /** Installs the answers on the router; routes that consumers add later still come first for 404. */
    public static void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(HttpRefusals::requireReadableTarget)
                .failureHandler(HttpRefusals::failed);
        // failures before any route runs (a path Vert.x cannot decode) reach only the router's error handlers
        for (int status : new int[] {400, 404, 405, 408, 413, 414, 431, 500}) {
            router.errorHandler(status, HttpRefusals::failed);
        }
        // the last route of the router: reached only when no endpoint (path + method) matched
        router.route().order(Integer.MAX_VALUE).handler(rc -> answer(rc, 404, "not_found",
                "no endpoint for " + rc.request().method() + " " + rc.request().path()));
    }

    /**
     * The same error answers on the server's outer router, where a path that cannot be decoded (%zz)
     * fails before the hub's router is reached (Vert.x answered it with a plain-text 400 and an ERROR).
     */
    public static void installOuter(Router outer) {
        for (int status : new int[] {400, 404, 405, 413, 414, 431, 500}) {
            outer.errorHandler(status, HttpRefusals::failedOuter);
        }
    }

    // the outer router only matches the path: failing on a path with a broken escape is that path's fault
    private static void failedOuter(RoutingContext rc) {
        if (brokenEscape(rc.request().path())) {
            LOG.debug("event=http-undecodable-path method={}", rc.request().method());
            answer(rc, 400, "malformed_request", "the request path has a malformed %-escape");
            return;
        }
        failed(rc);
    }

    /** A path or query with a broken %-escape (%zz) is a 400 before the router tries to decode it. */
    static void requireReadableTarget(RoutingContext rc) {
        if (brokenEscape(rc.request().uri())) {
            answer(rc, 400, "malformed_request", "the request target has a malformed %-escape");
            return;
        }
        rc.next();
    }

    static boolean brokenEscape(String target) {
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                    || Character.digit(target.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    static void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (clientGone(rc, failure)) {
            LOG.debug("event=http-client-aborted method={} path={} error=\"{}\"", rc.request().method(),
                    rc.request().path(), failure == null ? "closed" : failure.toString());
            return;
        }
        int status = rc.statusCode() > 0 ? rc.statusCode() : failure instanceof IllegalArgumentException ? 400 : 500;
        switch (status) {
            case 400 -> answer(rc, 400, "malformed_request", "the request cannot be read (malformed URL escape,"
                    + " header or body)");
            case 408 -> answer(rc, 408, "request_timeout", "the request was not received in time");
            case 413 -> answer(rc, 413, "payload_too_large", "the request body exceeds the size this hub accepts");
            case 404 -> answer(rc, 404, "not_found", "no endpoint for " + rc.request().method() + " "
                    + rc.request().path());
            case 405 -> answer(rc, 405, "method_not_allowed", rc.request().method() + " not allowed here");
            default -> {
                if (status >= 500) {
                    LOG.error("event=http-router-error method={} path={} status={} error=\"{}\"",
                            rc.request().method(), rc.request().path(), status, failure, failure);
                    answer(rc, 500, "internal_error", "unexpected error (a bug)");
                } else {
                    answer(rc, status, "refused", "the request was refused");
                }
            }
        }
    }

    private static boolean clientGone(RoutingContext rc, Throwable failure) {
        return rc.response().closed() || failure instanceof HttpClosedException
                || (failure != null && String.valueOf(failure.getMessage()).contains("Connection was closed"));
    }

    /**
     * Answers and drops the rest of the request: HTTP/1.x closes the connection (the unread body would
     * otherwise have to be read), HTTP/2 resets only this stream (other requests share the connection).
     */
    public static void answerAndClose(RoutingContext rc, int status, String code, String message) {
        boolean http2 = rc.request().version() == HttpVersion.HTTP_2;
        if (!http2) {
            rc.response().putHeader("Connection", "close");
            rc.response().endHandler(v -> rc.request().connection().close());
        }
        if (rc.response().ended() || rc.response().headWritten() || rc.response().closed()) {
            if (!http2) {
                rc.request().connection().close();
            }
            return;
        }
        answer(rc, status, code, message);
    }

    /** Writes the error shape for the request's path, unless an answer is already on its way. */
    public static void answer(RoutingContext rc, int status, String code, String message) {
        if (rc.response().ended() || rc.response().headWritten() || rc.response().closed()) {
            return;
        }
        boolean xml = ErrorBody.wantsXml(rc.request().path());
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", xml ? "application/xml" : "application/json")
                .end(xml ? ErrorBody.xml(code, message) : ErrorBody.json(code, message));
    }
}
