package io.switchboard.ops;

import java.util.Map;

/** JMX Switchboard:type=DeadLetters — the dead-letter desk for operators in jconsole. */
public interface DeadLettersMXBean {

    /** Dead letters waiting for an operator (status DEAD). */
    long getDeadCount();

    /** Row count per status: DEAD, REPLAYING, REPLAYED, DISCARDED. */
    Map<String, Long> getCountsByStatus();

    /** Newest first, as JSON; status may be empty for every status. */
    String list(String status, int offset, int limit);

    /** One dead letter with body, headers and history, as JSON. */
    String show(long id);

    /** Replays one dead letter into the route it failed in; answers the outcome as JSON. */
    String replay(long id);

    /** Replays every DEAD letter of a document name. */
    String replayByDocumentName(String documentName);

    /** Replays every DEAD letter created in [from, to) (ISO-8601 instants, either may be empty). */
    String replayByTimeRange(String from, String to);

    /** Replays every DEAD letter (at most hub.dead-letter.replay-batch-size per call). */
    String replayAll();

    /** Marks a DEAD letter DISCARDED with the reason; answers the outcome as JSON. */
    String discard(long id, String reason);
}
