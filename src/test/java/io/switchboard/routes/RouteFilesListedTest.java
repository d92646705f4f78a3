package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The jar's routes are named one by one in camel.main.routes-include-pattern: a classpath wildcard makes Camel
 * read the whole fat jar at start-up (~1.5 s of CPU), and a file missing from the list would silently not load.
 */
class RouteFilesListedTest {

    @Test
    void everyRouteFileIsNamedInTheJarPatternWithoutAClasspathWildcard() throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        }
        List<String> listed = Arrays.stream(properties.getProperty("camel.main.routes-include-pattern").split(","))
                .map(String::trim).toList();
        List<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            onDisk = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".camel.yaml") && !name.equals(ErrorHandlingFile.NAME))
                    .map(name -> "classpath:routes/" + name).sorted().toList();
        }

        assertThat(listed).noneMatch(pattern -> pattern.startsWith("classpath:") && pattern.contains("*"));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
    }
}
