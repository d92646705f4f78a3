package io.switchboard.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.switchboard.routes.RouteFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

/**
 * Which routing table is live: a hash over the YAML routes (routes/*.camel.yaml) as Camel loaded them,
 * when that hash was first seen, which files it came from, and the last edit safe reload refused.
 * A reload that changes a route changes the hash; a refused edit does not.
 */
public class RouteTableVersion {

    /** The version at one moment. */
    public record Version(String hash, int yamlRoutes, Instant loadedAt, List<String> files) {
    }

    /** An edit safe reload refused: the file's previous routes kept serving. */
    public record RejectedEdit(String file, int line, String reason, Instant at) {

        public String describe() {
            return file + ":" + line + ": " + reason + " (at " + at + ")";
        }
    }

    private final CamelContext context;
    private Version last;
    private RejectedEdit lastRejected;

    public RouteTableVersion(CamelContext context) {
        this.context = context;
    }

    public synchronized Version current() {
        List<RouteDefinition> yaml = context.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinitions().stream()
                .filter(r -> r.getResource() != null && r.getResource().getLocation().contains(".yaml"))
                .sorted(Comparator.comparing(RouteDefinition::getRouteId))
                .toList();
        MessageDigest digest = sha256();
        TreeSet<String> files = new TreeSet<>();
        for (RouteDefinition r : yaml) {
            files.add(RouteFiles.fileName(r.getResource()));
            digest.update((r.getRouteId() + "\n" + RouteFiles.fileName(r.getResource()) + "\n" + r + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        if (last == null || !last.hash().equals(hash)) {
            last = new Version(hash, yaml.size(), Instant.now(), List.copyOf(files));
        }
        return last;
    }

    public synchronized void rejected(RejectedEdit edit) {
        lastRejected = edit;
    }

    public synchronized Optional<RejectedEdit> lastRejected() {
        return Optional.ofNullable(lastRejected);
    }

    /** The shape shown under "routeTable" in /observe/health. */
    public Map<String, Object> describe() {
        Version v = current();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", v.hash());
        view.put("loadedAt", v.loadedAt().toString());
        view.put("files", v.files());
        view.put("yamlRoutes", v.yamlRoutes());
        lastRejected().ifPresent(r -> {
            Map<String, Object> rejected = new LinkedHashMap<>();
            rejected.put("file", r.file());
            rejected.put("line", r.line());
            rejected.put("reason", r.reason());
            rejected.put("at", r.at().toString());
            view.put("lastRejectedEdit", rejected);
        });
        return view;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
