package io.switchboard.ion;

/** 401/403 that a fresh token did not cure (or on ping, or at the token endpoint): stop until credentials change. */
public class IonAuthFailed extends IonException {
    public IonAuthFailed(int status, String message) {
        super(status, message);
    }
}
