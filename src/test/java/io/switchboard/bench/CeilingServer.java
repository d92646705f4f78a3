package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.Migrations;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The ceiling of `make bench`: the least a server must do for a durable IMS acknowledgement, without
 * Camel. Vert.x HTTP, the multipart split byte-exact, the ParameterRequest JSON checked, one row in
 * the hub's own `message` table (same migrations, same unique key) through a group-commit writer,
 * 202 after the commit. Configured like the hub: CAMEL_SERVER_PORT, HUB_DB_URL/USER/PASSWORD, plus
 * CEILING_FSYNC=true to force the H2 file to disk after each group commit.
 */
public final class CeilingServer extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/ims/service/v3/multipartMessage";
    private static final Buffer ACCEPTED = Buffer.buffer("{\"status\":\"accepted\"}");

    private final CeilingWriter writer;
    private final int port;
    private final String authorization;

    private CeilingServer(CeilingWriter writer, int port, String authorization) {
        this.writer = writer;
        this.port = port;
        this.authorization = authorization;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("CAMEL_SERVER_PORT", "8080"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.get("HUB_DB_URL"));
        config.setUsername(env.getOrDefault("HUB_DB_USER", ""));
        config.setPassword(env.getOrDefault("HUB_DB_PASSWORD", ""));
        config.setMaximumPoolSize(2);
        HikariDataSource dataSource = new HikariDataSource(config);
        Migrations.migrate(dataSource);
        CeilingWriter writer = CeilingWriter.start(dataSource, Boolean.parseBoolean(env.getOrDefault("CEILING_FSYNC",
                "false")), env.get("HUB_DB_URL"));
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (ImsRequests.USER + ":" + ImsRequests.PASSWORD).getBytes(StandardCharsets.UTF_8));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        vertx.deployVerticle(() -> new CeilingServer(writer, port, authorization), new DeploymentOptions().setInstances(2))
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("ceiling: listening port=" + port + " fsync=" + writer.fsync());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            writer.close();
            dataSource.close();
        }));
    }

    @Override
    public void start() {
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle).listen();
    }

    private void handle(HttpServerRequest request) {
        if (request.path().startsWith("/observe/health")) {
            request.response().end("{\"status\":\"UP\"}");
            return;
        }
        if (!PATH.equals(request.path()) || !authorization.equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end();
            return;
        }
        String tenant = request.getHeader("X-TenantId");
        String contentType = request.getHeader("Content-Type");
        Context context = vertx.getOrCreateContext();
        request.body().onSuccess(body -> {
            CeilingWriter.Row row;
            try {
                row = row(body.getBytes(), contentType, tenant);
            } catch (RuntimeException bad) {
                request.response().setStatusCode(400).end("{\"error\":\"bad_request\"}");
                return;
            }
            writer.submit(row).whenComplete((ok, failed) -> context.runOnContext(v -> {
                if (failed != null) {
                    request.response().setStatusCode(503).end("{\"error\":\"store_unavailable\"}");
                } else {
                    request.response().setStatusCode(202).putHeader("Content-Type", "application/json").end(ACCEPTED);
                }
            }));
        });
    }

    private static CeilingWriter.Row row(byte[] body, String contentType, String tenant) {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()).trim();
        Map<String, byte[]> parts = MultipartSplit.split(body, boundary);
        JsonNode parameters;
        try {
            parameters = JSON.readTree(parts.get("ParameterRequest"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("ParameterRequest is not JSON", e);
        }
        String messageId = parameters.path("messageId").asText(null);
        String documentName = parameters.path("documentName").asText(null);
        if (messageId == null || documentName == null || !parts.containsKey("MessagePayload")) {
            throw new IllegalArgumentException("messageId, documentName and MessagePayload are required");
        }
        return new CeilingWriter.Row(messageId, documentName, tenant, parameters.path("fromLogicalId").asText(null),
                parameters.path("toLogicalId").asText(null), new String(parts.get("ParameterRequest"),
                        StandardCharsets.UTF_8), new String(parts.get("MessagePayload"), StandardCharsets.UTF_8));
    }
}
