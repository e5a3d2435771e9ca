package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.io.jwt.JwtSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Plays op-node (the sequencer's rollup node) against the sidecar's RPC port over real HTTP: for every block
 * <ol>
 *   <li>{@code engine_forkchoiceUpdatedV3} with OP payload attributes (a fresh {@link L1InfoDeposit} for the block's
 *   number, fee recipient 0x4200…0011, gas limit, EIP-1559 params, noTxPool),</li>
 *   <li>waits until the build time after the FCU was sent, then {@code engine_getPayloadV3} (or V4) with the id it
 *   was given,</li>
 *   <li>{@code engine_newPayloadV3} (or V4) with the payload it got,</li>
 *   <li>{@code engine_forkchoiceUpdatedV3} without attributes to the new head.</li>
 * </ol>
 * Not thread-safe: one driver drives one chain.
 */
public final class OpNodeDriver implements AutoCloseable
{
    /**
     * The L1-info deposit transaction op-node puts first in every block's attributes (a real one, from op-alloy's
     * Holocene attributes test: testdata {@code op-alloy_OpPayloadAttributes_holocene.json}).
     */
    public static final String L1_INFO_DEPOSIT_TX = "0x7ef8f8a058642a460a8c2fb85bae8237221cfa2f138777697c73052afe5adbd9" +
        "11ec9f5194deaddeaddeaddeaddeaddeaddeaddeaddead00019442000000000000000000000000000000000000158080830f424080" +
        "b8a4440a5e2000000558000c5fc500000000000000010000000068e8f688000000000000000d0000000000000000000000000000000" +
        "00000000000000000000000000a9dd4be000000000000000000000000000000000000000000000000000000000000000184" +
        "4ea1c8f674542957f8fd73f34545ed30d24ebfa80775b869ea8848a6f38259000000000000000000000000aff0ca253b97e54440965" +
        "855cec0a8a2e2399896";
    /** The sequencer fee vault, OP's suggestedFeeRecipient. */
    public static final String SEQUENCER_FEE_VAULT = "0x4200000000000000000000000000000000000011";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Config config;
    private final HttpClient http;
    private final AtomicLong rpcId = new AtomicLong();
    private long blocks;
    private long lastTimestamp;
    private String head;
    private long headNumber;

    /**
     * @param config what to drive and how.
     */
    public OpNodeDriver(final Config config)
    {
        this.config = config;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        this.head = null != config.startHead ? config.startHead :
            PayloadChain.forVersion(config.payloadVersion).genesisParent();
    }

    /**
     * @return the configuration.
     */
    public Config config()
    {
        return config;
    }

    /**
     * @return the current head (the last block made canonical, or the chain's start).
     */
    public String head()
    {
        return head;
    }

    /**
     * @param blockHash a new head to build on.
     */
    public void head(final String blockHash)
    {
        head = blockHash;
    }

    /**
     * @return the number of the current head as far as the driver knows it (0 before the first block unless
     * {@link #startFromExecutionClient(String)} read it).
     */
    public long headNumber()
    {
        return headNumber;
    }

    /**
     * Starts from a block the execution client behind the sidecar knows, as op-node does: asks for it with
     * {@code eth_getBlockByNumber(tag, false)} (the sidecar forwards it to L2) and makes it the head.
     *
     * @param blockTag "0x0" for the genesis, "latest", or a number.
     * @return the block's hash.
     * @throws IOException          on a transport failure or when the EL has no such block.
     * @throws InterruptedException if interrupted.
     */
    public String startFromExecutionClient(final String blockTag) throws IOException, InterruptedException
    {
        final RpcResult res = call("eth_getBlockByNumber", NODES.arrayNode().add(blockTag).add(false));
        if (!res.ok() || !res.result.hasNonNull("hash"))
        {
            throw new IOException("eth_getBlockByNumber(" + blockTag + ") gave no block: " +
                (res.ok() ? res.toString() : res.describeError()));
        }
        head = res.result.get("hash").asText();
        headNumber = Long.decode(res.result.path("number").asText("0x0"));
        lastTimestamp = Math.max(lastTimestamp, Long.decode(res.result.path("timestamp").asText("0x0")));
        return head;
    }

    /**
     * Produces n blocks back to back.
     *
     * @param n how many.
     * @return one result per block.
     */
    public List<BlockResult> produceBlocks(final int n)
    {
        final List<BlockResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            results.add(produceBlock());
        }
        return results;
    }

    /**
     * Produces one block: FCU with attributes, wait, getPayload, newPayload, FCU to the new head. On the first failed
     * step the head stays where it was and the result says what failed.
     *
     * @return what happened.
     */
    public BlockResult produceBlock()
    {
        return produceBlock(config.noTxPool);
    }

    /**
     * Produces one block.
     *
     * @param noTxPool the attributes' noTxPool.
     * @return what happened.
     */
    public BlockResult produceBlock(final boolean noTxPool)
    {
        final BlockResult r = new BlockResult(++blocks);
        final long start = System.nanoTime();
        try
        {
            produce(r, noTxPool);
        }
        catch (final IOException ex)
        {
            if (r.ok())
            {
                r.fail(currentStep(r), "I/O: " + ex);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            r.fail(currentStep(r), "interrupted");
        }
        r.times(start, System.nanoTime());
        return r;
    }

    private static String currentStep(final BlockResult r)
    {
        final String[] steps = {BlockResult.FCU, BlockResult.GET_PAYLOAD, BlockResult.NEW_PAYLOAD, BlockResult.FCU_HEAD};
        return steps[Math.min(r.latenciesNs().size(), steps.length - 1)];
    }

    private void produce(final BlockResult r, final boolean noTxPool) throws IOException, InterruptedException
    {
        final long startNs = System.nanoTime();
        final int v = config.payloadVersion;
        // 1. FCU with attributes
        final ArrayNode fcuParams = NODES.arrayNode();
        fcuParams.add(forkchoiceState(head));
        fcuParams.add(attributes(noTxPool));
        RpcResult res = call("engine_forkchoiceUpdatedV3", fcuParams);
        r.latency(BlockResult.FCU, res.latencyNs);
        if (!res.ok())
        {
            r.fail(BlockResult.FCU, res.describeError());
            return;
        }
        final String status = res.result.path("payloadStatus").path("status").asText();
        final String payloadId = res.result.path("payloadId").asText(null);
        if (!"VALID".equals(status) || null == payloadId)
        {
            r.fail(BlockResult.FCU, "status " + status + ", payloadId " + payloadId);
            return;
        }
        r.payloadId(payloadId);

        // 2. the build time counts from the FCU's send, as op-node seals on the slot's clock, not on the reply's
        final long waitNs = startNs + config.buildWaitMs * 1_000_000L - System.nanoTime();
        if (waitNs > 0)
        {
            Thread.sleep(waitNs / 1_000_000L, (int)(waitNs % 1_000_000L));
        }
        final ArrayNode getParams = NODES.arrayNode().add(payloadId);
        res = call("engine_getPayloadV" + v, getParams);
        r.latency(BlockResult.GET_PAYLOAD, res.latencyNs);
        if (!res.ok())
        {
            r.fail(BlockResult.GET_PAYLOAD, res.describeError());
            return;
        }
        final JsonNode envelope = res.result;
        r.envelope(envelope, classify(envelope));
        final JsonNode payload = envelope.path("executionPayload");
        final String blockHash = payload.path("blockHash").asText(null);
        if (null == blockHash)
        {
            r.fail(BlockResult.GET_PAYLOAD, "no executionPayload.blockHash in " + abbreviate(envelope.toString()));
            return;
        }

        // 3. newPayload
        final ArrayNode newParams = NODES.arrayNode();
        newParams.add(payload);
        newParams.addArray();
        newParams.add(envelope.path("parentBeaconBlockRoot").asText(beaconRoot(r.index())));
        if (v >= 4)
        {
            final JsonNode requests = envelope.get("executionRequests");
            newParams.add(null != requests && requests.isArray() ? requests : NODES.arrayNode());
        }
        res = call("engine_newPayloadV" + Math.min(v, 4), newParams);
        r.latency(BlockResult.NEW_PAYLOAD, res.latencyNs);
        if (!res.ok())
        {
            r.fail(BlockResult.NEW_PAYLOAD, res.describeError());
            return;
        }
        final String newStatus = res.result.path("status").asText();
        if (!"VALID".equals(newStatus))
        {
            r.fail(BlockResult.NEW_PAYLOAD, "status " + newStatus + " " + res.result.path("validationError"));
            return;
        }

        // 4. FCU to the new head
        final ArrayNode headParams = NODES.arrayNode();
        headParams.add(forkchoiceState(blockHash));
        headParams.addNull();
        res = call("engine_forkchoiceUpdatedV3", headParams);
        r.latency(BlockResult.FCU_HEAD, res.latencyNs);
        if (!res.ok())
        {
            r.fail(BlockResult.FCU_HEAD, res.describeError());
            return;
        }
        final String headStatus = res.result.path("payloadStatus").path("status").asText();
        if (!"VALID".equals(headStatus))
        {
            r.fail(BlockResult.FCU_HEAD, "status " + headStatus);
            return;
        }
        head = blockHash;
        headNumber = parseQuantity(payload.path("blockNumber").asText(null), headNumber + 1);
    }

    private static long parseQuantity(final String quantity, final long fallback)
    {
        try
        {
            return null == quantity ? fallback : Long.decode(quantity);
        }
        catch (final NumberFormatException ex)
        {
            return fallback;
        }
    }

    /**
     * Sends only step 1 of a block, op-node's forkchoiceUpdated with attributes on the current head (for callers that
     * drive the rest themselves: a flashblocks stream, say).
     *
     * @return the answer.
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    public RpcResult startBlock() throws IOException, InterruptedException
    {
        ++blocks;
        final ArrayNode fcuParams = NODES.arrayNode();
        fcuParams.add(forkchoiceState(head));
        fcuParams.add(attributes(config.noTxPool));
        return call("engine_forkchoiceUpdatedV3", fcuParams);
    }

    private String classify(final JsonNode envelope)
    {
        if (null != config.sourceClassifier)
        {
            return config.sourceClassifier.apply(envelope);
        }
        final String value = envelope.path("blockValue").asText("");
        for (final Map.Entry<String, String> e : config.sourceByBlockValue.entrySet())
        {
            if (e.getKey().equalsIgnoreCase(value))
            {
                return e.getValue();
            }
        }
        return "unknown";
    }

    private static ObjectNode forkchoiceState(final String headHash)
    {
        final ObjectNode s = NODES.objectNode();
        s.put("headBlockHash", headHash);
        s.put("safeBlockHash", headHash);
        s.put("finalizedBlockHash", headHash);
        return s;
    }

    private ObjectNode attributes(final boolean noTxPool)
    {
        final long now = System.currentTimeMillis() / 1000;
        lastTimestamp = Math.max(lastTimestamp + 1, now);
        final ObjectNode a = NODES.objectNode();
        a.put("timestamp", "0x" + Long.toHexString(lastTimestamp));
        a.put("prevRandao", digestHex("prevRandao", blocks));
        a.put("suggestedFeeRecipient", SEQUENCER_FEE_VAULT);
        a.putArray("withdrawals");
        a.put("parentBeaconBlockRoot", beaconRoot(blocks));
        a.putArray("transactions").add(L1InfoDeposit.forL2Block(headNumber + 1, config.blocksPerEpoch).hex());
        a.put("noTxPool", noTxPool);
        a.put("gasLimit", config.gasLimit);
        a.put("eip1559Params", config.eip1559Params);
        return a;
    }

    private static String beaconRoot(final long index)
    {
        return digestHex("parentBeaconBlockRoot", index);
    }

    private static String digestHex(final String label, final long index)
    {
        try
        {
            final byte[] d = MessageDigest.getInstance("SHA-256")
                .digest((label + ":" + index).getBytes(StandardCharsets.US_ASCII));
            final StringBuilder b = new StringBuilder(66).append("0x");
            for (final byte x : d)
            {
                b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return b.toString();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Calls a JSON-RPC method on the sidecar.
     *
     * @param method the method.
     * @param params its params array.
     * @return the answer.
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    public RpcResult call(final String method, final ArrayNode params) throws IOException, InterruptedException
    {
        final ObjectNode req = NODES.objectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", rpcId.incrementAndGet());
        req.put("method", method);
        req.set("params", params);
        return post(req.toString());
    }

    /**
     * Posts a raw body to the sidecar's RPC port (signed when the driver has a JWT signer).
     *
     * @param body the request body.
     * @return the answer.
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    public RpcResult post(final String body) throws IOException, InterruptedException
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(config.rpcUri)
            .timeout(config.requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (null != config.signer)
        {
            b.header("Authorization", config.signer.bearer(System.currentTimeMillis() / 1000));
        }
        final long start = System.nanoTime();
        final HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        final long latency = System.nanoTime() - start;
        return new RpcResult(response.statusCode(), response.body(), latency);
    }

    @Override
    public void close()
    {
        // java.net.http.HttpClient has no close() before Java 21; its connections die with the JVM's selector thread.
    }

    private static String abbreviate(final String s)
    {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /**
     * The answer to one JSON-RPC call.
     */
    public static final class RpcResult
    {
        /** HTTP status. */
        public final int httpStatus;
        /** Raw body. */
        public final String body;
        /** The parsed body, or null if not JSON. */
        public final JsonNode json;
        /** {@code result}, or null. */
        public final JsonNode result;
        /** {@code error}, or null. */
        public final JsonNode error;
        /** Send to answer, nanoseconds. */
        public final long latencyNs;

        RpcResult(final int httpStatus, final String body, final long latencyNs)
        {
            this.httpStatus = httpStatus;
            this.body = body;
            this.latencyNs = latencyNs;
            JsonNode parsed = null;
            try
            {
                parsed = MAPPER.readTree(body);
            }
            catch (final IOException ex)
            {
                parsed = null;
            }
            this.json = parsed;
            this.result = null == parsed || !parsed.isObject() ? null : parsed.get("result");
            final JsonNode e = null == parsed || !parsed.isObject() ? null : parsed.get("error");
            this.error = null == e || e.isNull() ? null : e;
        }

        /** @return HTTP 200 with a result and no error. */
        public boolean ok()
        {
            return 200 == httpStatus && null == error && null != result;
        }

        /** @return the error code, or 0. */
        public int errorCode()
        {
            return null == error ? 0 : error.path("code").asInt();
        }

        /** @return the error message, or null. */
        public String errorMessage()
        {
            return null == error ? null : error.path("message").asText();
        }

        String describeError()
        {
            if (null != error)
            {
                return "error " + error.path("code").asInt() + " " + error.path("message").asText() +
                    (200 == httpStatus ? "" : " (HTTP " + httpStatus + ")");
            }
            return "HTTP " + httpStatus + " " + abbreviate(body);
        }

        @Override
        public String toString()
        {
            return "HTTP " + httpStatus + " " + abbreviate(body);
        }
    }

    /**
     * What to drive and how.
     */
    public static final class Config
    {
        private URI rpcUri;
        private JwtSigner signer;
        private int payloadVersion = 3;
        private long buildWaitMs;
        private boolean noTxPool;
        private String gasLimit = "0x1c9c380";
        private String eip1559Params = "0x000000fa00000006";
        private Duration requestTimeout = Duration.ofSeconds(10);
        private String startHead;
        private int blocksPerEpoch = 6;
        private final Map<String, String> sourceByBlockValue = new HashMap<>();
        private Function<JsonNode, String> sourceClassifier;

        /** @param v the sidecar's RPC URL, e.g. http://127.0.0.1:8081. @return this. */
        public Config rpcUri(final URI v)
        {
            rpcUri = v;
            return this;
        }

        /** @param host host. @param port port. @return this. */
        public Config rpc(final String host, final int port)
        {
            return rpcUri(URI.create("http://" + host + ":" + port + "/"));
        }

        /** @param v signs each request's JWT, or null to send none. @return this. */
        public Config signer(final JwtSigner v)
        {
            signer = v;
            return this;
        }

        /** @param v getPayload version 3 (Ecotone..Holocene) or 4 (Isthmus). @return this. */
        public Config payloadVersion(final int v)
        {
            if (v < 3 || v > 5)
            {
                throw new IllegalArgumentException("payload version 3, 4 or 5, got " + v);
            }
            payloadVersion = v;
            return this;
        }

        /** @param v time between FCU and getPayload (the block's build time), ms. @return this. */
        public Config buildWaitMs(final long v)
        {
            buildWaitMs = v;
            return this;
        }

        /** @param v the attributes' noTxPool. @return this. */
        public Config noTxPool(final boolean v)
        {
            noTxPool = v;
            return this;
        }

        /** @param v the attributes' gasLimit QUANTITY. @return this. */
        public Config gasLimit(final String v)
        {
            gasLimit = v;
            return this;
        }

        /** @param v the attributes' eip1559Params (8 bytes hex). @return this. */
        public Config eip1559Params(final String v)
        {
            eip1559Params = v;
            return this;
        }

        /** @param v timeout of each HTTP request. @return this. */
        public Config requestTimeout(final Duration v)
        {
            requestTimeout = v;
            return this;
        }

        /** @param v L2 blocks per L1 origin, for the L1-info deposits' sequence numbers (default 6). @return this. */
        public Config blocksPerEpoch(final int v)
        {
            if (v < 1)
            {
                throw new IllegalArgumentException("blocks per epoch must be >= 1, got " + v);
            }
            blocksPerEpoch = v;
            return this;
        }

        /** @param v the head to start from (default: the parent of the chain's first block). @return this. */
        public Config startHead(final String v)
        {
            startHead = v;
            return this;
        }

        /**
         * Labels envelopes by blockValue (each mock serves its own), so results say where a block came from.
         *
         * @param blockValue a mock's blockValue.
         * @param source     its label ("l2", "builder").
         * @return this.
         */
        public Config source(final String blockValue, final String source)
        {
            sourceByBlockValue.put(blockValue, source);
            return this;
        }

        /**
         * Labels envelopes by their contents instead of their blockValue.
         *
         * @param v envelope to source label.
         * @return this.
         */
        public Config sourceClassifier(final Function<JsonNode, String> v)
        {
            sourceClassifier = v;
            return this;
        }

        /** @return the getPayload version. */
        public int payloadVersion()
        {
            return payloadVersion;
        }

        /** @return the RPC URL. */
        public URI rpcUri()
        {
            return rpcUri;
        }
    }
}
