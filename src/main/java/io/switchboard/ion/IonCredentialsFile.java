package io.switchboard.ion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The .ionapi file on disk; tells when its content changed (AUTH_FAILED resumes on new credentials). */
public class IonCredentialsFile {

    private final Path path;
    private byte[] loadedContent;

    public IonCredentialsFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public synchronized IonCredentials load() {
        IonCredentials credentials = IonCredentials.load(path);
        loadedContent = read();
        return credentials;
    }

    /** New credentials when the file's content differs from what was loaded and is valid. */
    public synchronized Optional<IonCredentials> changed() {
        byte[] now = read();
        if (now == null || Arrays.equals(now, loadedContent)) {
            return Optional.empty();
        }
        try {
            IonCredentials credentials = IonCredentials.load(path);
            loadedContent = now;
            return Optional.of(credentials);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            return null;
        }
    }
}
