package io.boostj.core.sidecar;

import io.boostj.sbe.EngineMethod;

import static io.boostj.core.json.JsonRpcBodyWriter.ascii;

/**
 * JSON-RPC method names of the {@link EngineMethod} codes, as ASCII bytes built once.
 */
final class EngineMethods
{
    private static final byte[] FORKCHOICE_UPDATED_V3 = ascii("engine_forkchoiceUpdatedV3");
    private static final byte[] GET_PAYLOAD_V3 = ascii("engine_getPayloadV3");
    private static final byte[] GET_PAYLOAD_V4 = ascii("engine_getPayloadV4");
    private static final byte[] GET_PAYLOAD_V5 = ascii("engine_getPayloadV5");
    private static final byte[] NEW_PAYLOAD_V3 = ascii("engine_newPayloadV3");
    private static final byte[] NEW_PAYLOAD_V4 = ascii("engine_newPayloadV4");
    private static final byte[] EXCHANGE_CAPABILITIES = ascii("engine_exchangeCapabilities");
    private static final byte[] ETH_GET_BLOCK_BY_NUMBER = ascii("eth_getBlockByNumber");

    private EngineMethods()
    {
    }

    /**
     * The method name of a code the engine sends upstream.
     *
     * @param method the code.
     * @return its JSON-RPC name.
     * @throws IllegalArgumentException for a code the engine never sends (a bug).
     */
    static byte[] name(final EngineMethod method)
    {
        switch (method)
        {
            case FORKCHOICE_UPDATED_V3: return FORKCHOICE_UPDATED_V3;
            case GET_PAYLOAD_V3: return GET_PAYLOAD_V3;
            case GET_PAYLOAD_V4: return GET_PAYLOAD_V4;
            case GET_PAYLOAD_V5: return GET_PAYLOAD_V5;
            case NEW_PAYLOAD_V3: return NEW_PAYLOAD_V3;
            case NEW_PAYLOAD_V4: return NEW_PAYLOAD_V4;
            case EXCHANGE_CAPABILITIES: return EXCHANGE_CAPABILITIES;
            case ETH_GET_BLOCK_BY_NUMBER: return ETH_GET_BLOCK_BY_NUMBER;
            default: throw new IllegalArgumentException("not an upstream method: " + method);
        }
    }

    /**
     * The newPayload version that validates a block fetched with a getPayload version: V3 for V3, V4 for V4 and V5
     * (OP's V5 envelope is V4-shaped).
     *
     * @param getPayload GET_PAYLOAD_V3, V4 or V5.
     * @return NEW_PAYLOAD_V3 or NEW_PAYLOAD_V4.
     */
    static EngineMethod newPayloadFor(final EngineMethod getPayload)
    {
        return EngineMethod.GET_PAYLOAD_V3 == getPayload ? EngineMethod.NEW_PAYLOAD_V3 : EngineMethod.NEW_PAYLOAD_V4;
    }
}
