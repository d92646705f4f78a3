package io.switchboard.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

/**
 * Which routing table is live: a hash over the YAML routes (routes/*.camel.yaml) as Camel loaded
 * them, and when that hash was first seen. A reload that changes a route changes the hash.
 */
public class RouteTableVersion {

    /** The version at one moment. */
    public record Version(String hash, int yamlRoutes, Instant loadedAt) {
    }

    private final CamelContext context;
    private Version last;

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
        for (RouteDefinition r : yaml) {
            digest.update((r.getRouteId() + "\n" + r.getResource().getLocation() + "\n" + r + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        if (last == null || !last.hash().equals(hash)) {
            last = new Version(hash, yaml.size(), Instant.now());
        }
        return last;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
