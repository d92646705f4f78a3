package io.switchboard.ops;

/** Whether a peer is configured, and why not when it isn't. */
public record PeerStatus(String name, boolean enabled, String detail) {

    public String bannerText() {
        return name + "=" + (enabled ? "enabled" : "disabled(" + detail + ")");
    }
}
