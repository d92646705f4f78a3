package io.switchboard.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The store a benchmark hub runs on (fresh each time) and how to read it back afterwards. */
record BenchDatabase(String name, String url, String user, String password, String postgresSchema) {

    /** The hub's default durable H2 URL shape, in a fresh directory (the ceiling opens it as the hub does). */
    static BenchDatabase h2(Path workDir) {
        return new BenchDatabase("H2 file, WRITE_DELAY=0 (default URL shape)",
                "jdbc:h2:file:" + workDir.resolve("db/hub").toAbsolutePath()
                        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=2000",
                "switchboard", "", null);
    }

    /** A new, empty schema in the database of baseUrl (e.g. what scripts/test-postgres.sh prints). */
    static BenchDatabase freshPostgres(String baseUrl) throws SQLException {
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new BenchDatabase("PostgreSQL", url, queryParameter(url, "user"), queryParameter(url, "password"),
                schema);
    }

    Map<String, String> hubEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DB_URL", url);
        env.put("HUB_DB_USER", user == null ? "" : user);
        env.put("HUB_DB_PASSWORD", password == null ? "" : password);
        return env;
    }

    /** Status of each stored message of one direction whose message_id starts with prefix. */
    Map<String, String> statuses(String direction, String prefix) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement(
                        "SELECT message_id, status FROM message WHERE direction = ? AND message_id LIKE ?")) {
            q.setString(1, direction);
            q.setString(2, prefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    statuses.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return statuses;
    }

    /** Drops the PostgreSQL schema the benchmark created; H2 files stay in the work directory. */
    void dropSchema() throws SQLException {
        if (postgresSchema != null) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + postgresSchema + " CASCADE");
            }
        }
    }

    private Connection connect() throws SQLException {
        return postgresSchema == null ? DriverManager.getConnection(url, user, password)
                : DriverManager.getConnection(url);
    }

    private static String queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }
}
