package io.switchboard.chat;

/** I2A refused the application secret (401), or calls are suspended since it did. */
public class I2aAuthFailed extends RuntimeException {

    public I2aAuthFailed(String message) {
        super(message);
    }
}
