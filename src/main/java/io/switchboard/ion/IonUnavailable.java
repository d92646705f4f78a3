package io.switchboard.ion;

/** 401/403 before a token refresh, 503, other 5xx, timeouts, refused connections: try again later. */
public class IonUnavailable extends IonException {
    public IonUnavailable(int status, String message) {
        super(status, message);
    }
}
