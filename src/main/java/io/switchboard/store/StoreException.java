package io.switchboard.store;

/** A database call failed; the statement (never its parameters) says which. */
public class StoreException extends RuntimeException {

    public StoreException(String statement, Throwable cause) {
        super("store call failed: " + firstLine(statement) + ": " + cause.getMessage(), cause);
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
