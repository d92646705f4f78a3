package io.switchboard.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sql.DataSource;

/**
 * Group commit for the ceiling: one thread takes whatever is queued (no timed wait), inserts it as one
 * JDBC batch, commits, optionally fsyncs the H2 file, then completes every waiting request. A unique
 * key conflict falls back to one row per transaction, the duplicate counting as stored.
 */
final class CeilingWriter implements AutoCloseable {

    record Row(String messageId, String documentName, String tenantId, String fromLogicalId, String toLogicalId,
            String parameters, String payload) {
    }

    private record Pending(Row row, CompletableFuture<Void> done) {
    }

    private static final int BATCH = 256;
    private static final String INSERT = "INSERT INTO message (direction, message_id, document_name, tenant_id,"
            + " from_logical_id, to_logical_id, parameters, status, created_at, updated_at)"
            + " VALUES ('IN',?,?,?,?,?,?,'RECEIVED',?,?)";
    // the hub keeps the BOD in its own table (V8): the ceiling writes both, the same durable work
    private static final String INSERT_PAYLOAD = "INSERT INTO message_payload (message_pk, payload) VALUES (?,?)";
    private static final String[] ID = {"id"};

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Connection connection;
    private final FileChannel h2File;
    private final Thread thread;
    private volatile boolean running = true;

    private CeilingWriter(Connection connection, FileChannel h2File) {
        this.connection = connection;
        this.h2File = h2File;
        this.thread = new Thread(this::loop, "ceiling-writer");
    }

    static CeilingWriter start(DataSource dataSource, boolean fsync, String url) throws SQLException, IOException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        FileChannel file = fsync && url.startsWith("jdbc:h2:file:") ? FileChannel.open(h2File(url),
                StandardOpenOption.READ) : null;
        CeilingWriter writer = new CeilingWriter(c, file);
        writer.thread.start();
        return writer;
    }

    /** The H2 MVStore file of a jdbc:h2:file: URL. */
    static Path h2File(String url) {
        String path = url.substring("jdbc:h2:file:".length());
        int semicolon = path.indexOf(';');
        return Path.of((semicolon < 0 ? path : path.substring(0, semicolon)) + ".mv.db");
    }

    boolean fsync() {
        return h2File != null;
    }

    CompletableFuture<Void> submit(Row row) {
        Pending p = new Pending(row, new CompletableFuture<>());
        queue.add(p);
        return p.done();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            try {
                insert(batch);
                batch.forEach(p -> p.done().complete(null));
            } catch (SQLException | IOException | RuntimeException e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void insert(List<Pending> batch) throws SQLException, IOException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (PreparedStatement insert = connection.prepareStatement(INSERT, ID);
                PreparedStatement payload = connection.prepareStatement(INSERT_PAYLOAD)) {
            for (Pending p : batch) {
                bind(insert, p.row(), now);
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet ids = insert.getGeneratedKeys()) {
                for (Pending p : batch) {
                    if (!ids.next()) {
                        throw new SQLException("no generated key");
                    }
                    payload.setLong(1, ids.getLong(1));
                    payload.setString(2, p.row().payload());
                    payload.addBatch();
                }
            }
            payload.executeBatch();
            connection.commit();
        } catch (SQLException conflict) {
            connection.rollback();
            oneByOne(batch, now); // a duplicate message id: the others must still be stored
        }
        if (h2File != null) {
            h2File.force(false);
        }
    }

    private void oneByOne(List<Pending> batch, Timestamp now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT, ID);
                PreparedStatement payload = connection.prepareStatement(INSERT_PAYLOAD)) {
            for (Pending p : batch) {
                bind(insert, p.row(), now);
                try {
                    insert.executeUpdate();
                    try (ResultSet ids = insert.getGeneratedKeys()) {
                        ids.next();
                        payload.setLong(1, ids.getLong(1));
                    }
                    payload.setString(2, p.row().payload());
                    payload.executeUpdate();
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    private static void bind(PreparedStatement insert, Row row, Timestamp now) throws SQLException {
        insert.setString(1, row.messageId());
        insert.setString(2, row.documentName());
        insert.setString(3, row.tenantId());
        insert.setString(4, row.fromLogicalId());
        insert.setString(5, row.toLogicalId());
        insert.setString(6, row.parameters());
        insert.setTimestamp(7, now);
        insert.setTimestamp(8, now);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            connection.close();
            if (h2File != null) {
                h2File.close();
            }
        } catch (SQLException | IOException e) {
            // closing at exit
        }
    }
}
