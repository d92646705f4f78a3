package io.switchboard.ion;

/** States of the IMS session (docs/architecture.md#ion-session-states); a JMX attribute and the peer monitor's state. */
public enum IonSessionState {
    /** Asking versions and acceptedDocuments; also after a 412. */
    INITIALIZING,
    /** Sending. */
    READY,
    /** ION unreachable or failing: ping with growing delay until it answers. */
    BACKING_OFF,
    /** ION refuses the credentials: nothing is sent until the .ionapi file changes or an operator resumes. */
    AUTH_FAILED,
    /** ION offers no v3, or hub.ion.on-invalid=stop met a 400: an operator must resume. */
    SUSPENDED
}
