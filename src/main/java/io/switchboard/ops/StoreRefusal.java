package io.switchboard.ops;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a value the database refuses (SQLState class 22 data exception, 23 integrity violation: too
 * long, malformed, constraint) from a database that is unavailable. Only the SQLState is kept: the
 * driver's message quotes the refused value, which may be a password.
 */
public record StoreRefusal(String sqlState) {

    public static Optional<StoreRefusal> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return Optional.of(new StoreRefusal(sql.getSQLState()));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    public boolean uniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** The answer for the caller: 409 for a duplicate key, else 400; it never helps to retry. */
    public HttpProblem problem() {
        return uniqueViolation()
                ? new HttpProblem(409, "conflict", "a record with this key exists already (SQLState 23505)")
                : HttpProblem.badRequest("rejected_by_store", "the store refused a value of this request (SQLState "
                        + sqlState + "); a retry will not help, fix the request");
    }
}
