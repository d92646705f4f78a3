package io.switchboard.acrobits;

import java.util.List;

/** What a SyncContactMaster BOD says about one contact: the action and the fields ION owns. */
public record ContactMasterUpdate(Action action, String username, String displayName, String firstName,
                                  String lastName, String email, List<DirectoryPhone> phones) {

    /** OAGIS actionCode: Add/Replace/Change upsert the user, Delete deactivates it. */
    public enum Action {
        UPSERT, DELETE;

        static Action of(String actionCode) {
            if (actionCode == null || actionCode.isBlank()) {
                return UPSERT;
            }
            return switch (actionCode.trim().toLowerCase()) {
                case "add", "replace", "change" -> UPSERT;
                case "delete" -> DELETE;
                default -> throw new InvalidContactMaster("unsupported actionCode '" + actionCode + "'");
            };
        }
    }
}
