package io.switchboard.ion;

/**
 * 401 that a fresh token did not cure, 401/403 on ping, 403 on multipartMessage, or the token endpoint refusing
 * the credentials: stop sending until the credentials change or an operator resumes. The message carries the
 * diagnosis (which setting is likely wrong), never a secret.
 */
public class IonAuthFailed extends IonException {

    static final String CREDENTIALS = "the service account credentials are refused. Likely cause: the .ionapi"
            + " file (ci/cs/saak/sask) is wrong, revoked, or of another tenant; download it again from API Gateway"
            + " (Authorized Apps, backend service, Download credentials with Create Service Account)";
    static final String NOT_AUTHORISED_FOR_IMS = "the token is valid but not authorised for IMS. Likely cause: the"
            + " .ionapi client id is not the 'API Gateway Client Id' of an IMS via API Gateway connection point";

    private final boolean credentials;

    public IonAuthFailed(int status, String message) {
        this(status, message, true);
    }

    public IonAuthFailed(int status, String message, boolean credentials) {
        super(status, message);
        this.credentials = credentials;
    }

    /** True when the credentials themselves are refused; false when ION refuses who we say we are (logical id). */
    public boolean credentialsRefused() {
        return credentials;
    }
}
