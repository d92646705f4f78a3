package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

class ImsClosedEndpointTest {

    @Test
    void endpointWithoutConfiguredCredentialsRefusesEveryCallAndSaysWhatToSet() {
        try (TestHub hub = TestHub.start()) {
            HttpResponse<String> ping = hub.get("/ims/service/ping");

            assertThat(ping.statusCode()).isEqualTo(401);
            assertThat(ping.body()).contains("\"error\":\"unauthorized\"")
                    .contains("hub.ims.auth.user and hub.ims.auth.password");
        }
    }
}
