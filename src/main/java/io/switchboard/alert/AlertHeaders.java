package io.switchboard.alert;

/**
 * The contract of direct:alert, used by every part of the hub: the body is the alert text,
 * these headers say the rest. Only the body is required.
 */
public final class AlertHeaders {

    /** The endpoint every alert goes to. */
    public static final String ENDPOINT = "direct:alert";
    /** Short title (Pushover truncates at 250 characters). */
    public static final String TITLE = "AlertTitle";
    /** -2 (lowest) .. 2 (emergency); default 0. */
    public static final String PRIORITY = "AlertPriority";
    /** Identical keys within hub.pushover.window fold into one alert "(×N)"; default: title + text. */
    public static final String DEDUP_KEY = "AlertDedupKey";
    public static final String URL = "AlertUrl";
    public static final String URL_TITLE = "AlertUrlTitle";
    public static final String SOUND = "AlertSound";
    /** Pushover user/group key for this alert; default hub.pushover.user. */
    public static final String RECIPIENT = "AlertRecipient";

    private AlertHeaders() {
    }
}
