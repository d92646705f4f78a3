package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** One JSON mapper for the whole hub: configured in HubJson, bound as "objectMapper", never built elsewhere. */
class HubJsonTest {

    @Test
    void noClassBuildsItsOwnJsonMapper() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> builders = sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("HubJson.java"))
                    .filter(p -> {
                        try {
                            String code = Files.readString(p);
                            return code.contains("new ObjectMapper(") || code.contains("JsonMapper.builder(");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertThat(builders).as("use HubJson.mapper()").isEmpty();
        }
    }

    @Test
    void theRunningHubBindsTheSharedMapperForCamelsJacksonDataFormat() {
        try (TestHub hub = TestHub.start()) {
            ObjectMapper bound = hub.bean("objectMapper", ObjectMapper.class);
            assertThat(bound).isSameAs(HubJson.mapper());
            assertThat(bound.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
            assertThat(bound.getDeserializationConfig().getDefaultTyper(null)).as("no default typing").isNull();
            assertThat(bound.getFactory().streamReadConstraints().getMaxNestingDepth())
                    .isEqualTo(HubJson.MAX_NESTING_DEPTH);
        }
    }
}
