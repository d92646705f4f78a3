package io.switchboard.chat;

/** I2A answered 5xx or not at all (timeout, refused connection): worth retrying later. */
public class I2aUnavailable extends RuntimeException {

    public I2aUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
