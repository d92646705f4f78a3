package io.switchboard.acrobits;

/** A ContactMaster BOD the directory cannot apply (not XML, DOCTYPE, no contact id, unknown action). */
public class InvalidContactMaster extends RuntimeException {

    public InvalidContactMaster(String message) {
        super(message);
    }

    public InvalidContactMaster(String message, Throwable cause) {
        super(message, cause);
    }
}
