package io.switchboard.alert;

/** Pushover's size rules: longer values are cut with an ellipsis, never rejected (message 1024, title 250, url 512; docs/alerts.md). */
public final class PushoverLimits {

    public static final int MESSAGE = 1024;
    public static final int TITLE = 250;
    public static final int URL = 512;
    public static final int URL_TITLE = 100;
    public static final int MIN_PRIORITY = -2;
    public static final int MAX_PRIORITY = 2;
    /** Priority 2 (emergency): Pushover requires retry >= 30 s and expire <= 10800 s. */
    public static final int MIN_EMERGENCY_RETRY = 30;
    public static final int MAX_EMERGENCY_EXPIRE = 10800;

    static final String ELLIPSIS = "\u2026";

    private PushoverLimits() {
    }

    /** The value cut to max characters, the last one an ellipsis; null stays null. */
    public static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int cut = max - 1;
        // never split a surrogate pair: Pushover would see half a character
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        return value.substring(0, cut) + ELLIPSIS;
    }

    public static int clampPriority(int priority) {
        return Math.max(MIN_PRIORITY, Math.min(MAX_PRIORITY, priority));
    }
}
