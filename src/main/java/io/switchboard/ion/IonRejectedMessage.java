package io.switchboard.ion;

/** 400 on multipartMessage: ION refuses this message; IMS rule: dead-letter it and go on. */
public class IonRejectedMessage extends IonException {
    public IonRejectedMessage(String message) {
        super(400, message);
    }
}
