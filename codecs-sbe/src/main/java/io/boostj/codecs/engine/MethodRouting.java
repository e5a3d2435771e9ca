package io.boostj.codecs.engine;

import io.boostj.sbe.EngineMethod;
import org.agrona.DirectBuffer;

/**
 * How the sidecar routes a JSON-RPC method (reference §1.2), classified from the raw method name bytes without
 * allocation.
 * <ul>
 *     <li>The seven registered engine methods are handled by the engine (each has its own constant).</li>
 *     <li>{@link #ENGINE_UNSUPPORTED}: any other name starting with {@code engine_}; upstream answers -32601 and does
 *     not forward it.</li>
 *     <li>{@link #MIRRORED}: transaction and miner calls forwarded to the L2 EL and mirrored, fire-and-forget, to the
 *     builder.</li>
 *     <li>{@link #PASSTHROUGH}: everything else, forwarded byte for byte to the L2 EL only.</li>
 * </ul>
 * Names are compared byte for byte with the raw JSON string content: a name spelled with escapes does not match.
 */
public enum MethodRouting
{
    /**
     * {@code engine_forkchoiceUpdatedV3}.
     */
    ENGINE_FORKCHOICE_UPDATED_V3("engine_forkchoiceUpdatedV3", EngineMethod.FORKCHOICE_UPDATED_V3),

    /**
     * {@code engine_getPayloadV3}.
     */
    ENGINE_GET_PAYLOAD_V3("engine_getPayloadV3", EngineMethod.GET_PAYLOAD_V3),

    /**
     * {@code engine_getPayloadV4}.
     */
    ENGINE_GET_PAYLOAD_V4("engine_getPayloadV4", EngineMethod.GET_PAYLOAD_V4),

    /**
     * {@code engine_getPayloadV5}.
     */
    ENGINE_GET_PAYLOAD_V5("engine_getPayloadV5", EngineMethod.GET_PAYLOAD_V5),

    /**
     * {@code engine_newPayloadV3}.
     */
    ENGINE_NEW_PAYLOAD_V3("engine_newPayloadV3", EngineMethod.NEW_PAYLOAD_V3),

    /**
     * {@code engine_newPayloadV4}.
     */
    ENGINE_NEW_PAYLOAD_V4("engine_newPayloadV4", EngineMethod.NEW_PAYLOAD_V4),

    /**
     * {@code engine_exchangeCapabilities}.
     */
    ENGINE_EXCHANGE_CAPABILITIES("engine_exchangeCapabilities", EngineMethod.EXCHANGE_CAPABILITIES),

    /**
     * Any other {@code engine_*} method.
     */
    ENGINE_UNSUPPORTED(null, EngineMethod.UNSUPPORTED_ENGINE),

    /**
     * Forwarded to L2 and mirrored to the builder: {@code eth_sendRawTransaction},
     * {@code eth_sendRawTransactionConditional}, {@code miner_setExtra}, {@code miner_setGasPrice},
     * {@code miner_setGasLimit}, {@code miner_setMaxDASize}.
     */
    MIRRORED(null, null),

    /**
     * Forwarded to L2 only.
     */
    PASSTHROUGH(null, null);

    private static final byte[] ENGINE_PREFIX = ascii("engine_");
    private static final MethodRouting[] ENGINE_ROUTES = {
        ENGINE_FORKCHOICE_UPDATED_V3, ENGINE_GET_PAYLOAD_V3, ENGINE_GET_PAYLOAD_V4, ENGINE_GET_PAYLOAD_V5,
        ENGINE_NEW_PAYLOAD_V3, ENGINE_NEW_PAYLOAD_V4, ENGINE_EXCHANGE_CAPABILITIES };
    private static final byte[][] MIRRORED_NAMES = {
        ascii("eth_sendRawTransaction"), ascii("eth_sendRawTransactionConditional"), ascii("miner_setExtra"),
        ascii("miner_setGasPrice"), ascii("miner_setGasLimit"), ascii("miner_setMaxDASize") };

    private final byte[] name;
    private final EngineMethod engineMethod;

    MethodRouting(final String name, final EngineMethod engineMethod)
    {
        this.name = null == name ? null : ascii(name);
        this.engineMethod = engineMethod;
    }

    /**
     * The SBE method code of an engine route.
     *
     * @return the {@link EngineMethod}, or null for {@link #MIRRORED} and {@link #PASSTHROUGH}.
     */
    public EngineMethod engineMethod()
    {
        return engineMethod;
    }

    /**
     * The JSON-RPC name of an engine method, for people reading journals.
     *
     * @param method an SBE method code.
     * @return e.g. {@code engine_newPayloadV4}; {@code null} for a code no single method name stands for.
     */
    public static String methodName(final EngineMethod method)
    {
        for (final MethodRouting route : ENGINE_ROUTES)
        {
            if (route.engineMethod == method)
            {
                return new String(route.name, java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        return EngineMethod.ETH_GET_BLOCK_BY_NUMBER == method ? "eth_getBlockByNumber" : null;
    }

    /**
     * Is this route handled by the engine (as opposed to forwarded to the L2 EL)?
     *
     * @return true for every {@code ENGINE_*} constant.
     */
    public boolean isEngine()
    {
        return null != engineMethod;
    }

    /**
     * Classifies a raw method name.
     *
     * @param buffer holding the name.
     * @param start  absolute index of the first byte of the name (the JSON string content, without quotes).
     * @param end    absolute index just past the last byte.
     * @return the route, never null.
     */
    public static MethodRouting classify(final DirectBuffer buffer, final int start, final int end)
    {
        final int length = end - start;
        if (startsWith(buffer, start, length, ENGINE_PREFIX))
        {
            for (final MethodRouting route : ENGINE_ROUTES)
            {
                if (equals(buffer, start, length, route.name))
                {
                    return route;
                }
            }
            return ENGINE_UNSUPPORTED;
        }

        for (final byte[] mirrored : MIRRORED_NAMES)
        {
            if (equals(buffer, start, length, mirrored))
            {
                return MIRRORED;
            }
        }
        return PASSTHROUGH;
    }

    /**
     * Classifies a method name held as characters (configuration, tests); allocation-free.
     *
     * @param method the name.
     * @return the route, never null.
     */
    public static MethodRouting classify(final CharSequence method)
    {
        final int length = method.length();
        if (startsWith(method, length, ENGINE_PREFIX))
        {
            for (final MethodRouting route : ENGINE_ROUTES)
            {
                if (equals(method, length, route.name))
                {
                    return route;
                }
            }
            return ENGINE_UNSUPPORTED;
        }

        for (final byte[] mirrored : MIRRORED_NAMES)
        {
            if (equals(method, length, mirrored))
            {
                return MIRRORED;
            }
        }
        return PASSTHROUGH;
    }

    private static boolean startsWith(final DirectBuffer buffer, final int start, final int length, final byte[] prefix)
    {
        if (length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (buffer.getByte(start + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean equals(final DirectBuffer buffer, final int start, final int length, final byte[] name)
    {
        return length == name.length && startsWith(buffer, start, length, name);
    }

    private static boolean startsWith(final CharSequence chars, final int length, final byte[] prefix)
    {
        if (length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (chars.charAt(i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean equals(final CharSequence chars, final int length, final byte[] name)
    {
        return length == name.length && startsWith(chars, length, name);
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
