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

    /** IMS version used in the paths, the highest the hub speaks among what ION offers ("v3"). */
    String getProtocolVersion();

    /** RAW or ENCODED: how hub.ion.logical-id is written into the acceptedDocuments path that ION answered. */
    String getAcceptedDocumentsPathForm();

    /** Start again from initialisation (after AUTH_FAILED or SUSPENDED). */
    void resume();

    /** Ask ION for acceptedDocuments now; released HELD messages go out. */
    void refreshAcceptedDocuments();
}
