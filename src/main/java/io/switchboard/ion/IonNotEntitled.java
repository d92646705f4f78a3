package io.switchboard.ion;

/** 412: the connection point is inactive or the tenant not entitled; back to initialisation. */
public class IonNotEntitled extends IonException {
    public IonNotEntitled(String message) {
        super(412, message);
    }
}
