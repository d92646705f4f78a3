package io.switchboard.routes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.support.FileWatcherResourceReloadStrategy;

/**
 * Camel's directory watcher (the one behind camel.main.routes-reload-*), with our reaction: instead of
 * Camel's RouteWatcherReloadStrategy, which removes every route on each change by default, or replaces
 * routes by id without a trial and never removes routes of a deleted file, each changed *.camel.yaml goes
 * through {@link SafeRouteReload}.
 */
public class RouteFileWatcher extends FileWatcherResourceReloadStrategy {

    private final SafeRouteReload reload;

    public RouteFileWatcher(String directory, SafeRouteReload reload) {
        super(directory);
        this.reload = reload;
        setFileFilter(RouteFileWatcher::isRouteFile);
        setResourceReload((name, resource) -> reload.reload(Path.of(name)));
    }

    @Override
    protected void doStart() throws Exception {
        try (var files = Files.list(Path.of(getFolder()))) {
            for (Path file : files.filter(p -> isRouteFile(p.toFile())).toList()) {
                reload.remember(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("route reload directory " + getFolder() + " cannot be read", e);
        }
        super.doStart();
    }

    @Override
    protected String startupMessage(File dir) {
        return "event=safe-route-reload-enabled directory=" + dir
                + " (each changed *.camel.yaml is validated and started in isolation before its routes are swapped)";
    }

    private static boolean isRouteFile(File file) {
        return file.getName().endsWith(".camel.yaml") && !file.getName().startsWith(".");
    }
}
