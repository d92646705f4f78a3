package io.switchboard.ion;

import io.switchboard.HubJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.FieldLimit;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The IMS v3 receive step: authenticate, parse the multipart body and the BOD (once), queue the
 * message for the group commit, and once it is committed answer 202 and hand the row to dispatch.
 * Nothing else here.
 */
public class InboundReceiver {

    public static final String STATUS_RECEIVED = "RECEIVED";

    private static final Logger LOG = LoggerFactory.getLogger(InboundReceiver.class);
    private static final ObjectMapper JSON = HubJson.mapper();
    private static final String[] HEADER_FIELDS = {"documentName", "messageId", "fromLogicalId", "toLogicalId",
        "encoding", "characterSet"};

    private static final FieldLimit TENANT = new FieldLimit(ImsAuthentication.TENANT_HEADER, 100); // message.tenant_id

    private final ImsAuthentication authentication;
    private final ImsSettings settings;
    private final InboundMessageWriter writer;
    private final DispatchQueue dispatchQueue;
    private final DispatchStatus dispatchStatus;
    private final IntakeRouting routing;

    /**
     * The writer stores rows with dispatchStatus's intake lease, so they are queued as leased; a message
     * the routing table does not route (routing) is stored UNROUTED and only its notice is queued.
     */
    public InboundReceiver(ImsAuthentication authentication, ImsSettings settings, InboundMessageWriter writer,
            DispatchQueue dispatchQueue, DispatchStatus dispatchStatus, IntakeRouting routing) {
        this.authentication = authentication;
        this.settings = settings;
        this.writer = writer;
        this.dispatchQueue = dispatchQueue;
        this.dispatchStatus = dispatchStatus;
        this.routing = routing;
    }

    /** ping/protocol: target endpoint security; the tenant is checked when ION sends one. */
    public void authorize(Exchange exchange) {
        authorize(exchange, false);
    }

    /** discovery and messages: target endpoint security, then the tenant allow-list (X-TenantId required). */
    public void authorizeTenant(Exchange exchange) {
        authorize(exchange, true);
    }

    private void authorize(Exchange exchange, boolean tenantRequired) {
        Message in = exchange.getIn();
        authentication.authenticate(in.getHeader("Authorization", String.class),
                authentication.headerName().isBlank() ? null : in.getHeader(authentication.headerName(), String.class));
        String tenant = in.getHeader(ImsAuthentication.TENANT_HEADER, String.class);
        if (tenantRequired || tenant != null) {
            authentication.checkTenant(tenant);
        }
    }

    /**
     * POST multipartMessage / message/multipart, asynchronous: authenticate, parse and check on the
     * calling thread, queue the row for the group commit and return; the answer (202, or 503 when the
     * store failed) is written from the commit's completion, so no thread waits for the commit.
     */
    public boolean receive(Exchange exchange, AsyncCallback callback) {
        InboundMessage message;
        try {
            message = parse(exchange);
        } catch (RuntimeException e) {
            exchange.setException(e); // HttpErrors answers it (400/401/413 …)
            callback.done(true);
            return true;
        }
        writer.submit(message.record()).whenComplete((outcome, thrown) -> {
            Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            try (var mdc = MDC.putCloseable("messageId", message.record().messageId())) {
                if (failure == null) {
                    accepted(exchange, message, outcome);
                } else if (failure instanceof InboundMessageWriter.StoreUnavailable unavailable) {
                    unavailable(exchange, message.record(), unavailable);
                } else {
                    exchange.setException(failure);
                }
            } catch (RuntimeException e) {
                exchange.setException(e);
            }
            callback.done(false);
        });
        return false;
    }

    /**
     * What one request carries once checked: the row to store, the routing fields of its BOD, and the
     * notice to deliver once it is stored UNROUTED (null: it is dispatched after the commit).
     */
    record InboundMessage(MessageRecord record, BodDocument.RoutingFields routing, int bytes, Exchange notice) {
    }

    private InboundMessage parse(Exchange exchange) {
        Message in = exchange.getIn();
        byte[] raw = in.getBody(byte[].class); // read whole on the event loop by ImsMessageIntake
        authorizeTenant(exchange);
        String boundary = MultipartParser.boundary(in.getHeader(Exchange.CONTENT_TYPE, String.class));
        Map<String, MultipartParser.Part> parts = MultipartParser.parse(raw, boundary);

        MultipartParser.Part parameterPart = parts.get("ParameterRequest");
        String parameterJson = parameterPart != null ? parameterPart.text(StandardCharsets.UTF_8)
                : parametersFromHeaders(in);
        ParameterRequest parameters = ParameterRequest.parse(parameterJson);
        MultipartParser.Part payloadPart = parts.get("MessagePayload");
        if (payloadPart == null) {
            throw HttpProblem.badRequest("missing_part", "multipart part MessagePayload is missing");
        }
        BodDocument.Decoded bod = BodDocument.read(payloadPart.body(), payloadPart.offset(), payloadPart.length(),
                parameters, settings.maxMessageBytes());
        String tenant = TENANT.check(in.getHeader(ImsAuthentication.TENANT_HEADER, String.class));
        MessageRecord message = MessageRecord.newMessage(Direction.IN, parameters.messageId(),
                parameters.documentName(), tenant, parameters.fromLogicalId(), parameters.toLogicalId(),
                parameters.json(), bod.text(), STATUS_RECEIVED);
        Exchange notice = routing.unrouted(message, bod.routing()).orElse(null);
        if (notice != null) {
            message = message.withStatus(DispatchStatus.UNROUTED, IntakeRouting.UNROUTED_DETAIL);
        }
        return new InboundMessage(message, bod.routing(), raw.length, notice);
    }

    private void accepted(Exchange exchange, InboundMessage message, InboundMessageWriter.Outcome outcome) {
        MessageRecord m = message.record();
        // per message at DEBUG: thousands of lines a second is a flood; the journey API keeps every step
        LOG.debug("event=ims-received messageId={} documentName={} tenant={} from={} bytes={} duplicate={} id={}",
                m.messageId(), m.documentName(), m.tenantId(), m.fromLogicalId(), message.bytes(),
                outcome.duplicate(), outcome.id());
        LOG.debug("event=ims-payload messageId={} payload={}", m.messageId(), m.payload());
        // a duplicate was stored, and dispatched, the first time
        if (!outcome.duplicate() && message.notice() != null) {
            routing.stored(message.notice(), outcome.id());
        } else if (!outcome.duplicate() && !dispatchQueue.enqueueLeased(m, outcome.id(), message.routing(),
                outcome.leasedUntil())) {
            dispatchStatus.handOffLost(outcome.id());
        }
        answer(exchange, 202, Map.of("messageId", m.messageId(),
                "status", outcome.duplicate() ? "duplicate" : "accepted"));
    }

    private static void unavailable(Exchange exchange, MessageRecord m, InboundMessageWriter.StoreUnavailable e) {
        LOG.warn("event=ims-store-unavailable messageId={} documentName={} error=\"{}\"",
                m.messageId(), m.documentName(), e.getMessage());
        HttpErrors.respond(exchange, 503, "store_unavailable",
                "the hub could not store the message; nothing was kept, retry later");
        exchange.getMessage().setHeader("Retry-After", "5");
    }

    /** The v3 "message/multipart" variant may carry the parameters as headers or query parameters. */
    private static String parametersFromHeaders(Message in) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : HEADER_FIELDS) {
            String value = in.getHeader(field, String.class);
            if (value != null) {
                fields.put(field, value);
            }
        }
        if (fields.isEmpty()) {
            throw HttpProblem.badRequest("missing_part", "multipart part ParameterRequest is missing");
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a JSON answer without echoing any request header back. */
    public static void answer(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            out.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
