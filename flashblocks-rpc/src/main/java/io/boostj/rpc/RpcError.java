package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error to return to the client, as an exception so that asynchronous stages can fail with it.
 */
public final class RpcError extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Invalid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** Not a JSON-RPC request object. */
    public static final int INVALID_REQUEST = -32600;
    /** Bad parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** Unknown method (WebSocket side only; HTTP forwards unknown methods). */
    public static final int METHOD_NOT_FOUND = -32601;
    /** The upstream node could not be reached or answered with something that is not JSON-RPC. */
    public static final int UPSTREAM_UNAVAILABLE = io.boostj.io.upstream.Forwarder.UPSTREAM_UNAVAILABLE;
    /** Pending state cannot answer truthfully (degraded feed): rather an error than a guess. */
    public static final int PENDING_UNKNOWN = -32001;
    /** eth_sendRawTransactionSync: not included in a flashblock or block within the timeout (EIP-7966's code). */
    public static final int SYNC_TIMEOUT = 4;

    private final int code;
    private final transient JsonNode data;

    /**
     * @param code    JSON-RPC error code.
     * @param message message.
     */
    public RpcError(final int code, final String message)
    {
        this(code, message, null);
    }

    /**
     * @param code    JSON-RPC error code.
     * @param message message.
     * @param data    the error's data member, or null.
     */
    public RpcError(final int code, final String message, final JsonNode data)
    {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /** @return the code. */
    public int code()
    {
        return code;
    }

    /** @return the data member, or null. */
    public JsonNode data()
    {
        return data;
    }
}
