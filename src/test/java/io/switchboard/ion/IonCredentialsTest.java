package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

class IonCredentialsTest {

    private static final Path EXAMPLE = Path.of("src/test/resources/ion/example.ionapi");

    @Test
    void ionapiFileGivesTheImsBaseUrlAndTheTokenEndpoint() {
        IonCredentials c = IonCredentials.load(EXAMPLE);

        assertThat(c.tenantId()).isEqualTo("ACME_TST");
        assertThat(c.messagingBaseUrl()).isEqualTo("http://127.0.0.1:18090/ACME_TST/IONSERVICES/api/ion/messaging");
        assertThat(c.tokenUrl()).isEqualTo("http://127.0.0.1:18090/ACME_TST/as/token.oauth2");
        assertThat(c.serviceAccountAccessKey()).isEqualTo("ACME_TST#exampleServiceAccountAccessKey-not-real");
        assertThat(c.clientSecret().reveal()).startsWith("exampleClientSecret");
    }

    @Test
    void secretsNeverAppearWhenPrinted() {
        IonCredentials c = IonCredentials.load(EXAMPLE);

        assertThat(c.toString()).doesNotContain("exampleClientSecret").doesNotContain("SecretKey")
                .contains("ACME_TST");
    }

    @Test
    void missingFieldIsNamedWithoutShowingTheFile() throws Exception {
        Path file = TestHub.tempDir().resolve("x.ionapi");
        Files.writeString(file, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"super-secret\",\"iu\":\"http://x\"}");

        assertThatThrownBy(() -> IonCredentials.load(file)).hasMessageContaining("field 'pu' missing")
                .hasMessageNotContaining("super-secret");
        Files.writeString(file, "not json {");
        assertThatThrownBy(() -> IonCredentials.load(file)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startUpBannerCallsIonDisabledForAnInvalidFileAndEnabledForAValidOne() throws Exception {
        Path broken = TestHub.tempDir().resolve("broken.ionapi");
        Files.writeString(broken, "{}");

        assertThat(ionStatus(broken).enabled()).isFalse();
        assertThat(ionStatus(broken).bannerText()).contains("ion=disabled(invalid credentials file: field 'ti' missing");
        assertThat(ionStatus(EXAMPLE).enabled()).isTrue();
    }

    private static io.switchboard.ops.PeerStatus ionStatus(Path file) {
        return io.switchboard.ops.ConfiguredPeers.detect(key -> switch (key) {
            case "hub.ion.credentials-file" -> file.toString();
            case "hub.ion.logical-id" -> "lid://infor.ims.switchboard";
            default -> "";
        }).stream().filter(p -> p.name().equals("ion")).findFirst().orElseThrow();
    }

    @Test
    void acceptedDocumentsParserReadsNamesOrObjects() {
        assertThat(IonClient.parseAcceptedDocuments("[\"A\",\"B\"]")).containsExactly("A", "B");
        assertThat(IonClient.parseAcceptedDocuments("[{\"documentName\":\"A\"},{\"name\":\"B\"}]"))
                .containsExactly("A", "B");
        assertThat(IonClient.parseAcceptedDocuments("{\"acceptedDocuments\":[{\"documentName\":\"A\"}]}"))
                .containsExactly("A");
        assertThat(IonClient.parseVersions("[\"v2\",\"v3\"]")).containsExactly("v2", "v3");
        assertThat(IonClient.parseVersions("{\"versions\":[{\"version\":\"v3\"}]}")).containsExactly("v3");
    }
}
