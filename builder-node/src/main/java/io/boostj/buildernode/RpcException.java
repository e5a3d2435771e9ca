package io.boostj.buildernode;

/**
 * A JSON-RPC error a method answers with: the code of the JSON-RPC and Engine API specifications and a message that
 * says what was wrong.
 */
public final class RpcException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Invalid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** Not a JSON-RPC request object. */
    public static final int INVALID_REQUEST = -32600;
    /** No such method. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Wrong parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** Refused by the node (transaction pool, executor). */
    public static final int SERVER_ERROR = -32000;
    /** Engine API: no payload with that id. */
    public static final int UNKNOWN_PAYLOAD = -38001;
    /** Engine API: the payload attributes cannot be built on. */
    public static final int INVALID_PAYLOAD_ATTRIBUTES = -38003;

    private final int code;

    /**
     * @param code    the error code.
     * @param message what was wrong.
     */
    public RpcException(final int code, final String message)
    {
        super(message, null, false, false);
        this.code = code;
    }

    /** @return the error code. */
    public int code()
    {
        return code;
    }

    /**
     * @param message what was wrong with the parameters.
     * @return an {@link #INVALID_PARAMS} error.
     */
    public static RpcException invalidParams(final String message)
    {
        return new RpcException(INVALID_PARAMS, message);
    }
}
