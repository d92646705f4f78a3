package io.switchboard.ion;

/** A call to ION that did not succeed; the subclass says what the session does about it. */
public abstract class IonException extends RuntimeException {

    private final int status;

    protected IonException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** HTTP status, or 0 when there was no answer (timeout, refused). */
    public int status() {
        return status;
    }
}
