package io.switchboard.ion;

import io.switchboard.HardenedXml;

/** Checks that an outbound BOD is well-formed XML; DOCTYPE is refused, so no external entity is ever resolved. */
public final class OutboxPayloadCheck {

    private OutboxPayloadCheck() {
    }

    /** Null when the payload is acceptable, else what is wrong with it. */
    public static String problem(String payload) {
        if (payload == null || payload.isBlank()) {
            return "payload is empty";
        }
        try {
            HardenedXml.parse(payload);
            return null;
        } catch (Exception e) {
            return "payload is not well-formed XML (DOCTYPE is not allowed): " + e.getMessage();
        }
    }
}
