package io.switchboard.acrobits;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.switchboard.Secret;
import io.switchboard.store.Database;

/**
 * The user directory (directory_user, directory_phone, directory_sms_number). Users are deactivated,
 * never deleted, so updated_at keeps moving forward and contacts' Last-Modified never goes back.
 */
public class DirectoryStore {

    private static final String COLUMNS = "id, username, cloud_username, network_id, display_name, first_name,"
            + " last_name, email, avatar_url, large_avatar_url, sip_username, sip_password, password_hash, active,"
            + " updated_at";

    private static final String PREFIXED_COLUMNS = "u." + COLUMNS.replace(", ", ", u.");

    private final Database database;
    // the network of users stored without one (the app's Cloud ID): they share it for uniqueness
    private final String defaultNetwork;

    public DirectoryStore(Database database) {
        this(database, "");
    }

    public DirectoryStore(Database database, String defaultNetwork) {
        this.database = database;
        this.defaultNetwork = defaultNetwork == null ? "" : defaultNetwork;
    }

    /**
     * The active user who signs in with this name: cloud username first, then the login name. A cloud
     * username is unique per network only; used in two networks, the oldest user answers to it.
     */
    public Optional<DirectoryUser> findActiveByLogin(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        Optional<DirectoryUser> user = database.queryOne("SELECT " + COLUMNS
                + " FROM directory_user WHERE cloud_username = ? AND active = TRUE ORDER BY id", DirectoryStore::row, login);
        if (user.isEmpty()) {
            user = database.queryOne("SELECT " + COLUMNS + " FROM directory_user WHERE username = ? AND active = TRUE",
                    DirectoryStore::row, login);
        }
        return user.map(this::withNumbers);
    }

    public Optional<DirectoryUser> findByUsername(String username) {
        return database.queryOne("SELECT " + COLUMNS + " FROM directory_user WHERE username = ?",
                DirectoryStore::row, username).map(this::withNumbers);
    }

    public List<DirectoryUser> all() {
        return database.query("SELECT " + COLUMNS + " FROM directory_user ORDER BY username", DirectoryStore::row)
                .stream().map(this::withNumbers).toList();
    }

    /** Active users of one network; users without a network id belong to defaultNetwork. */
    public List<DirectoryUser> activeInNetwork(String network, String defaultNetwork) {
        String where = " WHERE u.active = TRUE AND COALESCE(u.network_id, ?) = ?";
        List<DirectoryUser> users = database.query("SELECT " + PREFIXED_COLUMNS + " FROM directory_user u" + where
                + " ORDER BY u.username", DirectoryStore::row, defaultNetwork, network);
        // three queries for the whole network instead of two per user: this is the app's hot path
        Map<Long, List<DirectoryPhone>> phones = new HashMap<>();
        database.query("SELECT p.user_id, p.label, p.number, p.verified FROM directory_phone p"
                + " JOIN directory_user u ON u.id = p.user_id" + where + " ORDER BY p.id", rs -> {
                    phones.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new DirectoryPhone(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                    return null;
                }, defaultNetwork, network);
        Map<Long, List<SmsNumber>> sms = new HashMap<>();
        database.query("SELECT s.user_id, s.carrier, s.number FROM directory_sms_number s"
                + " JOIN directory_user u ON u.id = s.user_id" + where + " ORDER BY s.id", rs -> {
                    sms.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new SmsNumber(rs.getString(2), rs.getString(3)));
                    return null;
                }, defaultNetwork, network);
        return users.stream().map(u -> u.withNumbers(phones.getOrDefault(u.id(), List.of()),
                sms.getOrDefault(u.id(), List.of()))).toList();
    }

    /** Newest change anywhere in the directory (a move between networks changes both sides' answers). */
    public Optional<Instant> lastModified() {
        return database.queryOne("SELECT MAX(updated_at) AS last FROM directory_user",
                rs -> Database.instant(rs, "last"));
    }

    /** Users the V6 migration took a duplicate identity from (table directory_identity_conflict). */
    public long identityConflictsReported() {
        return database.count("SELECT COUNT(*) FROM directory_identity_conflict");
    }

    public long countActive() {
        return database.count("SELECT COUNT(*) FROM directory_user WHERE active = TRUE");
    }

    /**
     * Creates or replaces a user from the admin API. A null passwordHash or sipPassword keeps the stored
     * one; phones and SMS numbers are replaced when given (null keeps them).
     */
    public void save(DirectoryUser user) {
        uniquely(user.username(), () -> database.inTransaction(c -> {
            saveIn(c, user);
            return null;
        }));
    }

    /** Saves many users in one transaction (bulk import): all or nothing. */
    public int saveAll(List<DirectoryUser> users) {
        return uniquely("(import)", () -> database.inTransaction(c -> {
            for (DirectoryUser user : users) {
                saveIn(c, user);
            }
            return users.size();
        }));
    }

    private void saveIn(Connection c, DirectoryUser u) throws SQLException {
        Instant now = Instant.now();
        Optional<Long> id = idOf(c, u.username());
        String sipPassword = u.sipPassword() == null ? null : u.sipPassword().reveal();
        String network = blankToNull(u.networkId());
        requireUnique(c, u.username(), "cloudUsername", "cloud_username", blankToNull(u.cloudUsername()), network);
        requireUnique(c, u.username(), "sipUsername", "sip_username", blankToNull(u.sipUsername()), network);
        long userId;
        if (id.isPresent()) {
            userId = id.get();
            Database.update(c, "UPDATE directory_user SET cloud_username = ?, network_id = ?, network_key = ?,"
                            + " display_name = ?, first_name = ?, last_name = ?, email = ?, avatar_url = ?,"
                            + " large_avatar_url = ?, sip_username = ?, sip_password = COALESCE(?, sip_password),"
                            + " password_hash = COALESCE(?, password_hash), active = ?, updated_at = ? WHERE id = ?",
                    blankToNull(u.cloudUsername()), network, networkKey(network), u.displayName(), u.firstName(),
                    u.lastName(), u.email(), u.avatarUrl(), u.largeAvatarUrl(), blankToNull(u.sipUsername()),
                    blankToNull(sipPassword), u.passwordHash(), u.active(), now, userId);
        } else {
            userId = Database.insert(c, "INSERT INTO directory_user (username, cloud_username, network_id, network_key,"
                            + " display_name, first_name, last_name, email, avatar_url, large_avatar_url, sip_username,"
                            + " sip_password, password_hash, active, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    u.username(), blankToNull(u.cloudUsername()), network, networkKey(network), u.displayName(),
                    u.firstName(), u.lastName(), u.email(), u.avatarUrl(), u.largeAvatarUrl(),
                    blankToNull(u.sipUsername()), blankToNull(sipPassword), u.passwordHash(), u.active(), now, now);
        }
        if (u.phones() != null) {
            replacePhones(c, userId, u.phones());
        }
        if (u.smsNumbers() != null) {
            Database.update(c, "DELETE FROM directory_sms_number WHERE user_id = ?", userId);
            for (SmsNumber sms : u.smsNumbers()) {
                Database.insert(c, "INSERT INTO directory_sms_number (user_id, carrier, number) VALUES (?, ?, ?)",
                        userId, sms.carrier(), sms.number());
            }
        }
    }

    /**
     * Applies a ContactMaster from ION: names, email and phones are ION's; password, SIP credentials,
     * SMS numbers and avatars are the admin API's and stay untouched. A new user gets
     * cloud_username = username and network_id = defaultNetworkId (blank = the app's Cloud ID network).
     */
    public void apply(ContactMasterUpdate update, String defaultNetworkId) {
        uniquely(update.username(), () -> database.inTransaction(c -> {
            Instant now = Instant.now();
            Optional<Long> id = idOf(c, update.username());
            if (update.action() == ContactMasterUpdate.Action.DELETE) {
                if (id.isPresent()) {
                    Database.update(c, "UPDATE directory_user SET active = FALSE, updated_at = ? WHERE id = ?",
                            now, id.get());
                }
                return null;
            }
            long userId;
            if (id.isPresent()) {
                userId = id.get();
                List<String[]> stored = Database.query(c, "SELECT cloud_username, network_id FROM directory_user WHERE id = ?",
                        rs -> new String[] {rs.getString(1), rs.getString(2)}, userId);
                if (stored.get(0)[0] == null) {
                    requireUnique(c, update.username(), "cloudUsername", "cloud_username", update.username(), stored.get(0)[1]);
                }
                Database.update(c, "UPDATE directory_user SET display_name = ?, first_name = ?, last_name = ?,"
                                + " email = ?, cloud_username = COALESCE(cloud_username, ?), active = TRUE,"
                                + " updated_at = ? WHERE id = ?",
                        update.displayName(), update.firstName(), update.lastName(), update.email(),
                        update.username(), now, userId);
            } else {
                String network = blankToNull(defaultNetworkId);
                requireUnique(c, update.username(), "cloudUsername", "cloud_username", update.username(), network);
                userId = Database.insert(c, "INSERT INTO directory_user (username, cloud_username, network_id,"
                                + " network_key, display_name, first_name, last_name, email, active, created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)",
                        update.username(), update.username(), network, networkKey(network), update.displayName(),
                        update.firstName(), update.lastName(), update.email(), now, now);
            }
            replacePhones(c, userId, update.phones());
            return null;
        }));
    }

    /**
     * Refuses a cloud or SIP username that another user holds in the same network (users without a
     * network id are in the default network). Inactive holders count: reactivating them must not collide.
     */
    private void requireUnique(Connection c, String username, String field, String column, String value,
                               String network) throws SQLException {
        if (value == null) {
            return;
        }
        List<String> holders = Database.query(c, "SELECT username FROM directory_user WHERE " + column + " = ?"
                        + " AND username <> ?"
                        + " AND COALESCE(network_id, CAST(? AS VARCHAR(200))) = COALESCE(CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(200)))"
                        + " ORDER BY id",
                rs -> rs.getString(1), value, username, defaultNetwork, network, defaultNetwork);
        if (!holders.isEmpty()) {
            throw DuplicateIdentity.of(username, field, value, network, holders.get(0));
        }
    }

    /** Two saves racing for one identity: the database constraint refuses the second; answer it as a conflict. */
    private static <T> T uniquely(String username, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (e instanceof DuplicateIdentity || !Database.isUniqueViolation(e)) {
                throw e;
            }
            throw new DuplicateIdentity("an identity of user '" + username
                    + "' (username, cloudUsername or sipUsername) was taken by another user at the same moment");
        }
    }

    private static String networkKey(String network) {
        return network == null ? "" : network;
    }

    /** Marks a user inactive (admin DELETE, ION Delete); false when there is no such user. */
    public boolean deactivate(String username) {
        return database.update("UPDATE directory_user SET active = FALSE, updated_at = ? WHERE username = ?",
                Instant.now(), username) > 0;
    }

    private static void replacePhones(Connection c, long userId, List<DirectoryPhone> phones) throws SQLException {
        Database.update(c, "DELETE FROM directory_phone WHERE user_id = ?", userId);
        for (DirectoryPhone phone : phones) {
            Database.insert(c, "INSERT INTO directory_phone (user_id, label, number, verified) VALUES (?, ?, ?, ?)",
                    userId, phone.label(), phone.number(), phone.verified());
        }
    }

    private static Optional<Long> idOf(Connection c, String username) throws SQLException {
        List<Long> ids = Database.query(c, "SELECT id FROM directory_user WHERE username = ?",
                rs -> rs.getLong(1), username);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    private DirectoryUser withNumbers(DirectoryUser user) {
        List<DirectoryPhone> phones = database.query(
                "SELECT label, number, verified FROM directory_phone WHERE user_id = ? ORDER BY id",
                rs -> new DirectoryPhone(rs.getString("label"), rs.getString("number"), rs.getBoolean("verified")),
                user.id());
        List<SmsNumber> sms = database.query(
                "SELECT carrier, number FROM directory_sms_number WHERE user_id = ? ORDER BY id",
                rs -> new SmsNumber(rs.getString("carrier"), rs.getString("number")), user.id());
        return user.withNumbers(phones, sms);
    }

    private static DirectoryUser row(ResultSet rs) throws SQLException {
        return new DirectoryUser(rs.getLong("id"), rs.getString("username"), rs.getString("cloud_username"),
                rs.getString("network_id"), rs.getString("display_name"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("email"), rs.getString("avatar_url"),
                rs.getString("large_avatar_url"), rs.getString("sip_username"),
                Secret.of(rs.getString("sip_password")), rs.getString("password_hash"), rs.getBoolean("active"),
                Database.instant(rs, "updated_at"), new ArrayList<>(), new ArrayList<>());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
