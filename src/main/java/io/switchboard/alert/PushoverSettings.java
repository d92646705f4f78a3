package io.switchboard.alert;

import java.time.Duration;

import io.switchboard.HubProperties;
import io.switchboard.Secret;

/** The hub.pushover.* properties, read once at start-up. */
public record PushoverSettings(
        String url,
        Secret token,
        Secret user,
        Duration window,
        int maxConcurrent,
        int batchSize,
        Duration lease,
        Duration retryInitialDelay,
        double retryMultiplier,
        Duration retryMaximumDelay,
        int retryMaximumAttempts,
        int emergencyRetry,
        int emergencyExpire,
        int ttl,
        boolean html,
        int quotaWarnPercent,
        Duration quotaPauseFallback,
        int summaryThreshold) {

    public static PushoverSettings from(HubProperties props) {
        return new PushoverSettings(
                props.get("hub.pushover.url"),
                props.secret("hub.pushover.token"),
                props.secret("hub.pushover.user"),
                Duration.ofMillis(props.longValue("hub.pushover.window")),
                Math.max(1, props.integer("hub.pushover.max-concurrent")),
                Math.max(1, props.integer("hub.pushover.batch-size")),
                Duration.ofMillis(props.longValue("hub.pushover.lease")),
                Duration.ofMillis(props.longValue("hub.pushover.retry.initial-delay")),
                Math.max(1.0, Double.parseDouble(props.get("hub.pushover.retry.multiplier"))),
                Duration.ofMillis(props.longValue("hub.pushover.retry.maximum-delay")),
                props.integer("hub.pushover.retry.maximum-attempts"),
                Math.max(PushoverLimits.MIN_EMERGENCY_RETRY, props.integer("hub.pushover.emergency-retry")),
                Math.min(PushoverLimits.MAX_EMERGENCY_EXPIRE, props.integer("hub.pushover.emergency-expire")),
                props.integer("hub.pushover.ttl"),
                props.bool("hub.pushover.html"),
                props.integer("hub.pushover.quota-warn-percent"),
                Duration.ofMillis(props.longValue("hub.pushover.quota-pause-fallback")),
                Math.max(1, props.integer("hub.pushover.summary-threshold")));
    }

    /** Pushover is used only with an application token and a user key; otherwise alerts are logged. */
    public boolean enabled() {
        return token.isPresent() && user.isPresent();
    }

    /** Delay before attempt n+1 after n failed ones: initial * multiplier^(n-1), capped, never below initial. */
    public Duration retryDelay(int failedAttempts) {
        double millis = retryInitialDelay.toMillis() * Math.pow(retryMultiplier, Math.max(0, failedAttempts - 1));
        long capped = (long) Math.min(millis, Math.max(retryMaximumDelay.toMillis(), retryInitialDelay.toMillis()));
        return Duration.ofMillis(Math.max(capped, retryInitialDelay.toMillis()));
    }
}
