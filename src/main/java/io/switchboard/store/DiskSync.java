package io.switchboard.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * hub.db.fsync: forces the H2 store file to the device after a group commit, so an acknowledged message
 * survives a power cut or VM crash, not only kill -9. H2 with WRITE_DELAY=0 writes every commit to the
 * file but never fsyncs; fsync(2) flushes a file's dirty pages whichever descriptor asks, so a read-only
 * channel of our own is enough. PostgreSQL needs nothing here: synchronous_commit=on flushes its WAL.
 */
public final class DiskSync implements AutoCloseable {

    /** No fsync (the setting is off, or the database syncs its own commits). */
    public static final DiskSync NONE = new DiskSync(null);

    private final Path file;
    private FileChannel channel;

    private DiskSync(Path file) {
        this.file = file;
    }

    /** For hub.db.url: the H2 file of a jdbc:h2:file: URL when enabled, else NONE. */
    public static DiskSync forUrl(String url, boolean enabled) {
        if (!enabled || !url.startsWith("jdbc:h2:file:")) {
            return NONE;
        }
        String path = url.substring("jdbc:h2:file:".length());
        int semicolon = path.indexOf(';');
        path = semicolon < 0 ? path : path.substring(0, semicolon);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return new DiskSync(Path.of(path + ".mv.db").toAbsolutePath());
    }

    public boolean enabled() {
        return file != null;
    }

    Path file() {
        return file;
    }

    /** Call after a commit returned and before acknowledging it. */
    public synchronized void afterCommit() throws IOException {
        if (file == null) {
            return;
        }
        if (channel == null && Files.exists(file)) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        if (channel != null) {
            channel.force(false);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
