package io.switchboard.acrobits;

import java.time.Instant;
import java.util.Map;

import io.switchboard.ops.PeerMonitor;

/** Operator view of the Acrobits web services: enabled when a Cloud ID is set; last sign-in and refusal. */
public class AcrobitsMonitor implements PeerMonitor {

    private final AcrobitsAuthenticator authenticator;
    private final DirectoryStore directory;

    public AcrobitsMonitor(AcrobitsAuthenticator authenticator, DirectoryStore directory) {
        this.authenticator = authenticator;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "acrobits";
    }

    @Override
    public boolean enabled() {
        return !authenticator.cloudId().isBlank();
    }

    @Override
    public String state() {
        return enabled() ? "SERVING" : "DISABLED";
    }

    /** The hub only answers Acrobits; refusals are the callers' problem, never the hub's health. */
    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public Instant lastSuccess() {
        return authenticator.lastSuccess();
    }

    @Override
    public String lastError() {
        return authenticator.lastError();
    }

    @Override
    public Map<String, Long> queueDepths() {
        return Map.of("directoryActiveUsers", directory.countActive(),
                "throttledKeys", (long) authenticator.throttledKeys());
    }
}
