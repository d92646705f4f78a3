package io.switchboard.reliability;

/** The figures of one crash run; lost and duplicateEffects must be 0. */
record RunResult(
        String database,
        int instances,
        int kills,
        long seconds,
        int imsPosts,
        int imsAcknowledged,
        int imsLost,
        int imsUndelivered,
        int imsDead,
        int escalations,
        int chatRoomsMissing,
        int chatRoomsDuplicated,
        int chatMessagesMissing,
        int chatMessagesOnWireDuplicated,
        int outboxPosts,
        int outboxAcknowledged,
        int outboxLost,
        int outboxWireDuplicates,
        int alertsSentToPushover,
        int alertsStuck,
        int claimsTakenOver,
        int secretLeaks) {

    int lost() {
        return imsLost + imsUndelivered + outboxLost + chatRoomsMissing + chatMessagesMissing + alertsStuck;
    }

    int duplicateEffects() {
        return chatRoomsDuplicated;
    }
}
