package io.switchboard.ion;

/** Headers that describe an ION message on its way through the hub's routes. */
public final class IonHeaders {

    /** Inbound BODs are dispatched from here by the routing table (routes/dispatch.camel.yaml). */
    public static final String DISPATCH_ENDPOINT = "direct:ion-dispatch";
    /** Routes queue a BOD for ION here: body = BOD XML, DOCUMENT_NAME required. */
    public static final String OUTBOUND_ENDPOINT = "direct:ion-outbound";
    /** Directory updates from master-data BODs (body = the BOD XML). */
    public static final String DIRECTORY_UPDATE_ENDPOINT = "direct:directory-update";

    public static final String DOCUMENT_NAME = "DocumentName";
    public static final String MESSAGE_ID = "MessageId";
    public static final String TENANT_ID = "TenantId";
    public static final String FROM_LOGICAL_ID = "FromLogicalId";
    public static final String TO_LOGICAL_ID = "ToLogicalId";
    /** OAGIS verb and noun of an inbound BOD (SyncContactMaster: Sync, ContactMaster). */
    public static final String BOD_VERB = "BodVerb";
    public static final String BOD_NOUN = "BodNoun";
    /** The BOD's first DocumentID/ID, read by the intake's one parse (absent when the BOD has none). */
    public static final String BOD_DOCUMENT_ID = "BodDocumentId";
    /**
     * Set by each rule of the inbound routing table: its targets, comma-separated endpoint URIs
     * ("direct:chat-event,direct:alert"); each becomes its own delivery.
     */
    public static final String DISPATCH_TARGETS = "DispatchTargets";
    /** On a delivery's own copy: the one target it delivers to (also what a replay of its dead letter uses). */
    public static final String DISPATCH_TARGET = "DispatchTarget";
    /** Optional: the name stored in message.route (default: the target names); "unrouted" = no rule matched. */
    public static final String DISPATCH_ROUTE = "DispatchRoute";
    /** Optional IMS variation of an outbound message. */
    public static final String VARIATION = "Variation";

    private IonHeaders() {
    }
}
