package io.switchboard.ion;

/** JMX view of the ION outbound session: Switchboard:type=IonSession. No secrets in any attribute. */
public interface IonSessionMBean {

    String getState();

    String getLastError();

    long getQueuedCount();

    long getHeldCount();

    long getSentCount();

    long getDeadCount();

    String getAcceptedDocuments();

    /** Start again from initialisation (after AUTH_FAILED or SUSPENDED). */
    void resume();

    /** Ask ION for acceptedDocuments now; released HELD messages go out. */
    void refreshAcceptedDocuments();
}
