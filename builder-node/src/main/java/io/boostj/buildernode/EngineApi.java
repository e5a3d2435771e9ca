package io.boostj.buildernode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.BuildAttributes;
import io.boostj.core.builder.BuilderNode;
import io.boostj.core.builder.ExecutionPayloadFields;
import io.boostj.core.builder.ExecutionPayloadParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The Engine API of an OP execution client over the node: {@code engine_forkchoiceUpdatedV3} (moves the head; with
 * OP payload attributes starts a block, forced transactions first), {@code engine_getPayloadV3/V4/V5} (seals; OP
 * envelope), {@code engine_newPayloadV3/V4} (re-executes; VALID, INVALID with the reason, SYNCING) and
 * {@code engine_exchangeCapabilities}. Other {@code engine_} methods: -32601. A head or parent it does not know
 * asks the {@link ChainSync} (when a peer is configured) to catch up.
 */
final class EngineApi implements RpcMethods
{
    static final List<String> CAPABILITIES = List.of("engine_exchangeCapabilities", "engine_forkchoiceUpdatedV3",
        "engine_getPayloadV3", "engine_getPayloadV4", "engine_getPayloadV5", "engine_newPayloadV3",
        "engine_newPayloadV4");

    private static final Logger LOG = LoggerFactory.getLogger(EngineApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long CANYON_DENOMINATOR = 250;
    private static final long CANYON_ELASTICITY = 6;

    private final BuilderNode node;
    private final FlashblockLoop flashblocks;
    private final ChainSync sync;
    private final BuilderMetrics metrics;
    private final ExecutionPayloadParser parser = new ExecutionPayloadParser();
    private long roundStartNs;
    private long lastSealedPayloadId = -1;

    /**
     * @param node        the node.
     * @param flashblocks the flashblock loop, or null when flashblocks are off.
     * @param sync        the peer sync, or null without a peer.
     * @param metrics     block metrics.
     */
    EngineApi(final BuilderNode node, final FlashblockLoop flashblocks, final ChainSync sync,
        final BuilderMetrics metrics)
    {
        this.node = node;
        this.flashblocks = flashblocks;
        this.sync = sync;
        this.metrics = metrics;
    }

    public JsonNode call(final String method, final JsonNode params)
    {
        switch (method)
        {
            case "engine_exchangeCapabilities":
                final ArrayNode caps = NODES.arrayNode();
                CAPABILITIES.forEach(caps::add);
                return caps;
            case "engine_forkchoiceUpdatedV3":
                return forkchoiceUpdated(params);
            case "engine_getPayloadV3":
                return getPayload(params, false);
            case "engine_getPayloadV4":
            case "engine_getPayloadV5":
                return getPayload(params, true);
            case "engine_newPayloadV3":
                return newPayload(params, false);
            case "engine_newPayloadV4":
                return newPayload(params, true);
            default:
                throw new RpcException(RpcException.METHOD_NOT_FOUND, "the method " + method +
                    " does not exist/is not available");
        }
    }

    private JsonNode forkchoiceUpdated(final JsonNode params)
    {
        final JsonNode state = Params.required(params, 0, "forkchoice state");
        if (!state.isObject())
        {
            throw RpcException.invalidParams("forkchoice state must be an object");
        }
        final String head = Params.hex(Params.data(state.get("headBlockHash"), "headBlockHash", 32));
        final JsonNode attributesJson = params.path(1);
        final BuildAttributes attributes = attributesJson.isMissingNode() || attributesJson.isNull() ? null :
            attributes(attributesJson);
        final BuilderNode.ForkchoiceResult result = node.forkchoiceUpdated(head, attributes);
        if (BuilderNode.SYNCING.equals(result.status) && null != sync)
        {
            sync.requestCatchUp();
        }
        if (null != attributes && BuilderNode.VALID.equals(result.status) && result.payloadId < 0)
        {
            throw new RpcException(RpcException.INVALID_PAYLOAD_ATTRIBUTES, "Invalid payload attributes: " +
                result.error);
        }
        if (result.payloadId >= 0)
        {
            roundStartNs = System.nanoTime();
            if (null != node.builderTransactionError())
            {
                LOG.warn("engine: {}", node.builderTransactionError());
            }
            if (null != flashblocks)
            {
                flashblocks.onRoundStarted(result.payloadId);
            }
        }
        final ObjectNode reply = NODES.objectNode();
        final ObjectNode status = reply.putObject("payloadStatus").put("status", result.status)
            .put("latestValidHash", result.latestValidHash);
        status.putNull("validationError");
        if (result.payloadId >= 0)
        {
            reply.put("payloadId", payloadIdHex(result.payloadId));
        }
        else
        {
            reply.putNull("payloadId");
        }
        return reply;
    }

    private static BuildAttributes attributes(final JsonNode a)
    {
        if (!a.isObject())
        {
            throw RpcException.invalidParams("payload attributes must be an object");
        }
        final JsonNode withdrawals = a.path("withdrawals");
        if (!withdrawals.isArray())
        {
            throw RpcException.invalidParams("payload attributes need withdrawals (an empty array on OP)");
        }
        if (0 != withdrawals.size())
        {
            throw new RpcException(RpcException.INVALID_PAYLOAD_ATTRIBUTES, "OP blocks have no withdrawals");
        }
        if (!a.path("minBaseFee").isMissingNode() && !a.path("minBaseFee").isNull())
        {
            throw new RpcException(-38005, "Unsupported fork: minBaseFee (Jovian) is not supported by this builder");
        }
        if (a.path("gasLimit").isMissingNode() || a.path("gasLimit").isNull())
        {
            throw RpcException.invalidParams("payload attributes need gasLimit on OP");
        }
        long denominator = CANYON_DENOMINATOR;
        long elasticity = CANYON_ELASTICITY;
        final JsonNode eip1559 = a.path("eip1559Params");
        if (!eip1559.isMissingNode() && !eip1559.isNull())
        {
            final byte[] p = Params.data(eip1559, "eip1559Params", 8);
            final long d = uint32(p, 0);
            final long e = uint32(p, 4);
            if (0 == d && 0 != e || 0 != d && 0 == e)
            {
                throw new RpcException(RpcException.INVALID_PAYLOAD_ATTRIBUTES,
                    "eip1559Params: denominator and elasticity must both be zero or both non-zero");
            }
            if (0 != d)
            {
                denominator = d;
                elasticity = e;
            }
        }
        final List<byte[]> transactions = new ArrayList<>();
        final JsonNode txs = a.path("transactions");
        if (!txs.isMissingNode() && !txs.isNull())
        {
            if (!txs.isArray())
            {
                throw RpcException.invalidParams("transactions must be an array of 0x hex");
            }
            for (int i = 0; i < txs.size(); i++)
            {
                transactions.add(Params.data(txs.get(i), "transactions[" + i + "]", -1));
            }
        }
        final JsonNode noTxPool = a.path("noTxPool");
        if (!noTxPool.isMissingNode() && !noTxPool.isNull() && !noTxPool.isBoolean())
        {
            throw RpcException.invalidParams("noTxPool must be a boolean");
        }
        return new BuildAttributes(Params.quantity(a.get("timestamp"), "timestamp"),
            Params.data(a.get("prevRandao"), "prevRandao", 32),
            Address.of(Params.data(a.get("suggestedFeeRecipient"), "suggestedFeeRecipient", 20)),
            Params.quantity(a.get("gasLimit"), "gasLimit"), denominator, elasticity,
            Params.data(a.get("parentBeaconBlockRoot"), "parentBeaconBlockRoot", 32), transactions,
            noTxPool.asBoolean(false));
    }

    private JsonNode getPayload(final JsonNode params, final boolean withRequests)
    {
        final long payloadId = payloadId(Params.required(params, 0, "payload id"));
        final BuilderNode.SealedPayload sealed = node.getPayload(payloadId);
        if (null == sealed)
        {
            throw new RpcException(RpcException.UNKNOWN_PAYLOAD, "Unknown payload");
        }
        if (lastSealedPayloadId != payloadId)
        {
            lastSealedPayloadId = payloadId;
            final int flashblockCount = node.round().flashblockCount();
            if (null != flashblocks)
            {
                flashblocks.onSealed(payloadId, sealed.finalFlashblock);
            }
            metrics.onSealed(System.nanoTime() - roundStartNs, flashblockCount, node.round().gasUsed(),
                sealed.block.transactions().size(), sealed.revenueWei);
        }
        final ObjectNode envelope = NODES.objectNode();
        envelope.set("executionPayload", readTree(sealed.block.payloadJson()));
        envelope.put("blockValue", Params.quantity(sealed.revenueWei));
        final ObjectNode blobs = envelope.putObject("blobsBundle");
        blobs.putArray("commitments");
        blobs.putArray("proofs");
        blobs.putArray("blobs");
        envelope.put("shouldOverrideBuilder", false);
        envelope.put("parentBeaconBlockRoot", Params.hex(sealed.block.parentBeaconBlockRoot()));
        if (withRequests)
        {
            envelope.putArray("executionRequests");
        }
        return envelope;
    }

    private JsonNode newPayload(final JsonNode params, final boolean withRequests)
    {
        final JsonNode payload = Params.required(params, 0, "execution payload");
        if (!payload.isObject())
        {
            throw RpcException.invalidParams("execution payload must be an object");
        }
        if (!params.path(1).isArray())
        {
            throw RpcException.invalidParams("param 1 (expected blob versioned hashes) must be an array");
        }
        final JsonNode beaconRoot = Params.required(params, 2, "parent beacon block root");
        Params.data(beaconRoot, "parentBeaconBlockRoot", 32);
        if (withRequests && (!params.path(3).isArray() || 0 != params.path(3).size()))
        {
            throw RpcException.invalidParams("param 3 (execution requests) must be an empty array on OP");
        }
        final ExecutionPayloadFields fields = parser.parse(payload.toString(), beaconRoot.asText());
        if (null == fields)
        {
            throw RpcException.invalidParams(parser.error());
        }
        final BuilderNode.PayloadStatus status = node.newPayload(fields);
        if (BuilderNode.SYNCING.equals(status.status) && null != sync)
        {
            sync.requestCatchUp();
        }
        if (BuilderNode.INVALID.equals(status.status))
        {
            LOG.warn("engine: INVALID block {}: {}", payload.path("blockHash").asText(), status.validationError);
        }
        return NODES.objectNode().put("status", status.status).put("latestValidHash", status.latestValidHash)
            .put("validationError", status.validationError);
    }

    private static long payloadId(final JsonNode id)
    {
        final byte[] b = Params.data(id, "payload id", 8);
        long v = 0;
        for (final byte x : b)
        {
            v = v << 8 | (x & 0xFF);
        }
        return v;
    }

    static String payloadIdHex(final long payloadId)
    {
        return String.format("0x%016x", payloadId);
    }

    private static long uint32(final byte[] b, final int at)
    {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    private static JsonNode readTree(final String json)
    {
        try
        {
            return MAPPER.readTree(json);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("stored payload is not JSON", ex);
        }
    }
}
