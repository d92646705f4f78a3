package io.switchboard.acrobits;

import io.switchboard.ops.HttpProblem;

/**
 * A directory change that would give two users the same messaging identity (cloud username or SIP
 * username) in one network. The admin API answers it 409 identity_conflict; an ION update that
 * collides becomes a dead letter with this message as the reason.
 */
public class DuplicateIdentity extends HttpProblem {

    public DuplicateIdentity(String message) {
        super(409, "identity_conflict", message);
    }

    /** field as the API names it (cloudUsername, sipUsername); network blank = the Cloud ID's network. */
    public static DuplicateIdentity of(String username, String field, String value, String network, String holder) {
        String where = network == null || network.isBlank() ? "the default network" : "network '" + network + "'";
        return new DuplicateIdentity(field + " '" + value + "' of user '" + username + "' is already used in " + where
                + " by user '" + holder + "'");
    }
}
