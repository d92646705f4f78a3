package io.switchboard.ops;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request must arrive whole within hub.http.upload-timeout ms (headers to last body byte),
 * however slowly it trickles: then 408 and the connection is closed. A timer on the event loop, so a
 * thousand slow clients cost timers, not threads. Requests received in time are not limited further.
 */
public final class UploadDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(UploadDeadline.class);

    private UploadDeadline() {
    }

    public static void install(Router router, long timeoutMillis) {
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> arm(rc, timeoutMillis));
    }

    private static void arm(RoutingContext rc, long timeoutMillis) {
        if (!rc.request().isEnded()) {
            long timer = rc.vertx().setTimer(timeoutMillis, id -> expire(rc, timeoutMillis));
            rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
            rc.request().connection().closeHandler(closed -> rc.vertx().cancelTimer(timer));
        }
        rc.next();
    }

    private static void expire(RoutingContext rc, long timeoutMillis) {
        if (rc.request().isEnded() || rc.response().ended() || rc.response().closed()) {
            return;
        }
        LOG.info("event=http-upload-timeout method={} path={} timeoutMs={}", rc.request().method(),
                rc.request().path(), timeoutMillis);
        HttpRefusals.answerAndClose(rc, 408, "request_timeout", "the request was not received within "
                + "hub.http.upload-timeout=" + timeoutMillis + " ms");
    }
}
