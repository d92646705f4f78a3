package io.switchboard.alert;

/** JMX Switchboard:type=Pushover — what operators see of the alert channel; never the token. */
public interface PushoverMBean {

    boolean isEnabled();

    /** X-Limit-App-Limit of the last answer; -1 before the first. */
    long getQuotaLimit();

    /** X-Limit-App-Remaining of the last answer; -1 before the first. */
    long getQuotaRemaining();

    /** When the monthly quota resets (X-Limit-App-Reset), ISO-8601; empty before the first answer. */
    String getQuotaReset();

    /** While a 429 pause lasts: when sending resumes (ISO-8601); empty otherwise. */
    String getPausedUntil();

    long getQueuedCount();

    long getSentCount();

    long getDeadCount();

    long getLoggedCount();

    String getLastError();
}
