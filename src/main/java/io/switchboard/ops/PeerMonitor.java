package io.switchboard.ops;

import java.time.Instant;
import java.util.Map;

/**
 * What a peer integration tells operators about itself; health, metrics and JMX read it.
 * Each peer package registers one with the {@link PeerMonitors} bean.
 */
public interface PeerMonitor {

    /** ion, pushover, i2a, acrobits. */
    String name();

    boolean enabled();

    /** Free-form state, e.g. the IMS session state READY / BACKING_OFF / AUTH_FAILED. */
    String state();

    /** True when the peer works as it should; false makes the hub DEGRADED, never DOWN. */
    boolean healthy();

    Instant lastSuccess();

    /** Last error, already free of secrets; null if none. */
    String lastError();

    /** Named queue depths (queued, held, …). */
    Map<String, Long> queueDepths();
}
