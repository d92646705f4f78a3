package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.TestHub;
import io.switchboard.store.Database;
import org.junit.jupiter.api.Test;

/**
 * The group commit inserts without a duplicate lookup: a duplicate in a batch rolls the batch back and
 * it is retried row by row, so its batch-mates are still stored once and the duplicate is acknowledged.
 */
class ImsGroupCommitTest {

    @Test
    void concurrentNewAndDuplicateMessagesAreAllAcknowledgedAndEachStoredOnce() throws Exception {
        try (TestHub hub = TestHub.start(Map.of(
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                "hub.ims.tenants", ImsMultipart.TENANT))) {
            List<String> stored = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = ImsMultipart.newMessageId();
                assertThat(send(hub, id).statusCode()).isEqualTo(202);
                stored.add(id);
            }
            List<String> mixed = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                mixed.add(i % 4 == 0 ? stored.get(i / 4) : ImsMultipart.newMessageId()); // every 4th a duplicate
            }

            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<HttpResponse<String>> answers = new ArrayList<>();
            try {
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (String id : mixed) {
                    calls.add(clients.submit(() -> send(hub, id)));
                }
                for (Future<HttpResponse<String>> call : calls) {
                    answers.add(call.get());
                }
            } finally {
                clients.shutdown();
            }

            assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
            assertThat(answers.stream().filter(r -> r.body().contains("duplicate")).count()).isEqualTo(8);
            Database db = hub.bean("database", Database.class);
            for (String id : mixed) {
                assertThat(db.count("SELECT COUNT(*) FROM message WHERE direction = 'IN' AND message_id = ?", id))
                        .as(id).isEqualTo(1);
            }
        }
    }

    private static HttpResponse<String> send(TestHub hub, String messageId) {
        byte[] body = ImsMultipart.body(ImsMultipart.parameters("SyncSalesOrder", messageId, "NONE"),
                ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false);
        return hub.send(post(hub.url("/ims/service/v3/multipartMessage"), body).build());
    }
}
