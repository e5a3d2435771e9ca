package io.boostj.codecs.engine;

import java.nio.charset.StandardCharsets;

import io.boostj.sbe.EngineMethod;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MethodRoutingTest
{
    @ParameterizedTest
    @CsvSource({
        "engine_forkchoiceUpdatedV3,ENGINE_FORKCHOICE_UPDATED_V3,FORKCHOICE_UPDATED_V3",
        "engine_getPayloadV3,ENGINE_GET_PAYLOAD_V3,GET_PAYLOAD_V3",
        "engine_getPayloadV4,ENGINE_GET_PAYLOAD_V4,GET_PAYLOAD_V4",
        "engine_getPayloadV5,ENGINE_GET_PAYLOAD_V5,GET_PAYLOAD_V5",
        "engine_newPayloadV3,ENGINE_NEW_PAYLOAD_V3,NEW_PAYLOAD_V3",
        "engine_newPayloadV4,ENGINE_NEW_PAYLOAD_V4,NEW_PAYLOAD_V4",
        "engine_exchangeCapabilities,ENGINE_EXCHANGE_CAPABILITIES,EXCHANGE_CAPABILITIES",
        "engine_forkchoiceUpdatedV2,ENGINE_UNSUPPORTED,UNSUPPORTED_ENGINE",
        "engine_newPayloadV2,ENGINE_UNSUPPORTED,UNSUPPORTED_ENGINE",
        "engine_getPayloadV6,ENGINE_UNSUPPORTED,UNSUPPORTED_ENGINE",
        "engine_getClientVersionV1,ENGINE_UNSUPPORTED,UNSUPPORTED_ENGINE",
        "engine_signalSuperchainV1,ENGINE_UNSUPPORTED,UNSUPPORTED_ENGINE",
        "engine_,ENGINE_UNSUPPORTED,UNSUPPORTED_ENGINE",
        "engine_forkchoiceUpdatedV3x,ENGINE_UNSUPPORTED,UNSUPPORTED_ENGINE",
        "eth_sendRawTransaction,MIRRORED,",
        "eth_sendRawTransactionConditional,MIRRORED,",
        "miner_setExtra,MIRRORED,",
        "miner_setGasPrice,MIRRORED,",
        "miner_setGasLimit,MIRRORED,",
        "miner_setMaxDASize,MIRRORED,",
        "eth_sendRawTransactionX,PASSTHROUGH,",
        "miner_setGasLimitX,PASSTHROUGH,",
        "eth_getBlockByNumber,PASSTHROUGH,",
        "eth_chainId,PASSTHROUGH,",
        "debug_setExecutionMode,PASSTHROUGH,",
        "engine,PASSTHROUGH,",
        "Engine_getPayloadV3,PASSTHROUGH,",
        "'',PASSTHROUGH,",
    })
    void shouldClassifyMethodNamesLikeUpstreamProxyLayer(
        final String method, final MethodRouting expected, final EngineMethod engineMethod)
    {
        final byte[] bytes = ("\"" + method + "\"").getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final MethodRouting route = MethodRouting.classify(buffer, 1, bytes.length - 1);
        assertEquals(expected, route);
        assertEquals(expected, MethodRouting.classify(method));
        assertEquals(engineMethod, route.engineMethod());
        assertEquals(null != engineMethod, route.isEngine());
    }
}
