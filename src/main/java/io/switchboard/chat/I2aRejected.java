package io.switchboard.chat;

/** I2A refused the request itself (400 and other 4xx except 401): retrying the same request cannot help. */
public class I2aRejected extends RuntimeException {

    private final int status;
    private final String errorBody;

    public I2aRejected(String operation, int status, String errorBody) {
        super("I2A rejected " + operation + " with " + status + ": " + errorBody);
        this.status = status;
        this.errorBody = errorBody;
    }

    public int status() {
        return status;
    }

    /** I2A's own error body, for the dead letter and the API caller. */
    public String errorBody() {
        return errorBody;
    }
}
