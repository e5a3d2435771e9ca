package io.boostj.codecs.engine;

/**
 * JSON-RPC 2.0 and Engine API error codes used by the codecs (reference §2.1).
 */
public final class JsonRpcError
{
    /**
     * Invalid JSON was received.
     */
    public static final int PARSE_ERROR = -32700;

    /**
     * The JSON is not a valid request object.
     */
    public static final int INVALID_REQUEST = -32600;

    /**
     * The method does not exist or is not available.
     */
    public static final int METHOD_NOT_FOUND = -32601;

    /**
     * Invalid method parameters.
     */
    public static final int INVALID_PARAMS = -32602;

    /**
     * Internal error (here: the destination buffer is too small for the encoded event).
     */
    public static final int INTERNAL_ERROR = -32603;

    private JsonRpcError()
    {
    }
}
