package io.switchboard.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.switchboard.Switchboard;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `make validate`: checks every routes/*.camel.yaml against the hub as it is wired (its Java routes, beans,
 * route configurations and application.properties), without starting anything: the hub is configured
 * on an in-memory store, its routes are never started. Prints one line per problem (file:line: message)
 * and exits 1 if there is any.
 */
public final class ValidateRoutes {

    private ValidateRoutes() {
    }

    public static void main(String[] args) throws Exception {
        // the hub's start-up chatter would bury the verdict: only warnings and the problems are printed
        for (String logger : List.of(Logger.ROOT_LOGGER_NAME, "org.apache.camel", "io.switchboard")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
        }
        Path directory = Path.of(args.length > 0 ? args[0] : "routes");
        Map<String, String> files = read(directory);
        List<RouteProblem> problems = validate(files);
        problems.forEach(p -> System.out.println(p));
        System.out.println(problems.isEmpty()
                ? "routes OK: " + files.size() + " route files in " + directory + " valid"
                : "routes INVALID: " + problems.size() + " problem(s) in " + files.size() + " route files");
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** The hub's wiring (not started) is what the files are checked against. */
    public static List<RouteProblem> validate(Map<String, String> files) throws Exception {
        Main main = Switchboard.create(Map.of(
                "hub.db.url", "jdbc:h2:mem:validate-routes;DB_CLOSE_DELAY=-1",
                // the files under test are checked, not loaded
                "camel.main.routes-collector-enabled", "false",
                "camel.main.jmx-enabled", "false",
                "hub.routes.reload.enabled", "false"));
        main.init();
        try {
            return new RouteFileValidator(new LiveRouteReferences(main.getCamelContext())).validate(files);
        } finally {
            main.getCamelContext().shutdown();
        }
    }

    static Map<String, String> read(Path directory) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (var list = Files.list(directory)) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList()) {
                files.put(directory.resolve(file.getFileName()).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
