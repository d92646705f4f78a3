package io.switchboard.ion;

/** 404 on acceptedDocuments in every logical-id form: the gateway or ION refuses the path, ION itself may be fine. */
public class IonPathRefused extends IonException {
    public IonPathRefused(String message) {
        super(404, message);
    }
}
