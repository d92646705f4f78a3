package io.switchboard.ops;

/** What happened to one dead letter an operator asked to replay. */
public record ReplayOutcome(long deadLetterId, Result result, String detail) {

    public enum Result {
        /** Re-entered its route and went through: status REPLAYED. */
        REPLAYED,
        /** Re-entered its route and failed again: stays DEAD, history REPLAY_FAILED. */
        REPLAY_FAILED,
        /** Not DEAD (already replayed, discarded, or being replayed right now): nothing sent. */
        NOT_REPLAYABLE,
        NOT_FOUND
    }
}
