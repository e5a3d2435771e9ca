package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.PayloadBlockHasher;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtVerifier;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.KeccakDigest;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A mock execution client (op-geth-like local EL or op-reth-like builder): a real HTTP/1.1 JSON-RPC server on Netty that
 * checks the Engine API's HS256 JWT on every request (401 and a counted refusal otherwise) and serves real payloads of a
 * real chain ({@link PayloadChain}):
 * <ul>
 *   <li>{@code engine_forkchoiceUpdatedV3} with attributes: VALID and a fresh payload id (first byte the configured
 *   version byte, then a counter); without: VALID, no id;</li>
 *   <li>{@code engine_getPayloadV3/V4/V5}: the chain's block built on the FCU's head (V3 the Cancun chain, V4/V5 the
 *   Prague chain) in an OP envelope; -38001 for an unknown id;</li>
 *   <li>{@code engine_newPayloadV3/V4}: VALID when the payload is exactly one of the chain's blocks, INVALID when a
 *   known hash comes with changed content; a block of no chain it serves (a recorded flashblocks block, say) is VALID
 *   when its block hash recomputes and INVALID when it provably does not (what a real client's block hash check
 *   does), else as {@link MockFaults#unknownBlockStatus(String)};</li>
 *   <li>{@code flashblocks_forkchoiceUpdatedV3} (P2P mode, {@link Builder#flashblocksP2p}): the authorization (third
 *   param) is checked ({@link P2pAuthorizationCheck}), then answered as an FCU; a bad or missing one is refused with
 *   -32602; without P2P mode -32601 as any unknown method;</li>
 *   <li>{@code eth_getBlockByNumber}: the head with a fresh timestamp; {@code eth_chainId}, {@code
 *   engine_exchangeCapabilities}, {@code eth_sendRawTransaction}, {@code miner_*}; anything else -32601.</li>
 * </ul>
 * Faults are turned through {@link #faults()}; every call is recorded ({@link #calls()}).
 */
public final class MockExecutionClient implements AutoCloseable
{
    /** The chain id served by eth_chainId: the hive test chain's. */
    public static final String CHAIN_ID = "0xc72dd9d5e883e";
    /** Version byte op-geth stamps on FCUv3 payload ids. */
    public static final int OP_GETH_VERSION_BYTE = 0x03;
    /** Version byte op-reth stamps on every payload id. */
    public static final int OP_RETH_VERSION_BYTE = 0x04;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ZERO_HASH = "0x0000000000000000000000000000000000000000000000000000000000000000";
    private static final List<String> CAPABILITIES = List.of(
        "engine_forkchoiceUpdatedV3", "engine_getPayloadV3", "engine_getPayloadV4", "engine_getPayloadV5",
        "engine_newPayloadV3", "engine_newPayloadV4", "engine_exchangeCapabilities");

    private final String name;
    private final String host;
    private final int versionByte;
    private final String blockValue;
    private final JwtVerifier verifier;
    private final MockFaults faults = new MockFaults();
    private final EventLoopGroup group;
    private final ChannelGroup connections;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final List<RecordedCall> refused = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong payloadCounter = new AtomicLong();
    private final Map<String, PayloadJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> minerSettings = new ConcurrentHashMap<>();
    private final List<String> rawTransactions = new CopyOnWriteArrayList<>();
    private final P2pAuthorizationCheck p2p;
    private final AtomicLong authorizedForkchoiceUpdates = new AtomicLong();
    private final List<String> authorizationRefusals = new CopyOnWriteArrayList<>();
    private volatile String head;
    private volatile String fixedPayloadId;
    private volatile Channel serverChannel;
    private volatile int port;

    private MockExecutionClient(final Builder b)
    {
        this.name = b.name;
        this.host = b.host;
        this.port = b.port;
        this.versionByte = b.versionByte;
        this.blockValue = b.blockValue;
        this.verifier = null == b.secret ? null : new JwtVerifier(b.secret);
        this.p2p = null == b.p2pAuthorizerVk ? null : new P2pAuthorizationCheck(b.p2pAuthorizerVk, b.p2pBuilderVk);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mock-" + name, true),
            NioIoHandler.newFactory());
        this.connections = new DefaultChannelGroup("mock-" + name, GlobalEventExecutor.INSTANCE);
    }

    /**
     * @param name label for logs ("l2", "builder").
     * @return a builder.
     */
    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    /**
     * Starts listening (again, on the same port, after {@link #stop()}).
     *
     * @return this.
     */
    public synchronized MockExecutionClient start()
    {
        if (null != serverChannel)
        {
            return this;
        }
        final Handler handler = new Handler();
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 256)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    connections.add(ch);
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                        .addLast(handler);
                }
            });
        final Channel ch = bootstrap.bind(host, port).syncUninterruptibly().channel();
        port = ((InetSocketAddress)ch.localAddress()).getPort();
        serverChannel = ch;
        return this;
    }

    /**
     * Stops listening and drops every open connection: new connections are refused until {@link #start()}.
     */
    public synchronized void stop()
    {
        final Channel ch = serverChannel;
        serverChannel = null;
        if (null != ch)
        {
            ch.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
    }

    /**
     * @return whether it is listening.
     */
    public boolean isRunning()
    {
        return null != serverChannel;
    }

    @Override
    public void close()
    {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** @return its label. */
    public String name()
    {
        return name;
    }

    /** @return the bound port (kept across stop/start). */
    public int port()
    {
        return port;
    }

    /** @return {@code host:port}, the form upstream rollup-boost's {@code --l2-url} takes. */
    public String address()
    {
        return host + ":" + port;
    }

    /** @return {@code http://host:port}. */
    public String url()
    {
        return "http://" + address();
    }

    /** @return the blockValue of the envelopes it serves (how a driver tells the two clients' payloads apart). */
    public String blockValue()
    {
        return blockValue;
    }

    /** @return the payload id version byte. */
    public int versionByte()
    {
        return versionByte;
    }

    /** @return the fault knobs. */
    public MockFaults faults()
    {
        return faults;
    }

    /** @return every accepted call, in arrival order (a snapshot). */
    public List<RecordedCall> calls()
    {
        return new ArrayList<>(calls);
    }

    /**
     * @param method a method name.
     * @return the accepted calls of that method.
     */
    public List<RecordedCall> calls(final String method)
    {
        return calls(c -> c.method().equals(method));
    }

    /**
     * @param filter which calls.
     * @return the accepted calls it keeps.
     */
    public List<RecordedCall> calls(final Predicate<RecordedCall> filter)
    {
        return calls.stream().filter(filter).collect(Collectors.toList());
    }

    /**
     * @param method a method name.
     * @return how many calls of it were accepted.
     */
    public long count(final String method)
    {
        return calls.stream().filter(c -> c.method().equals(method)).count();
    }

    /** @return how many accepted engine_* calls. */
    public long engineCallCount()
    {
        return calls.stream().filter(RecordedCall::isEngine).count();
    }

    /** @return the requests refused for their JWT. */
    public List<RecordedCall> refused()
    {
        return new ArrayList<>(refused);
    }

    /** @return how many requests were refused for their JWT. */
    public int refusedCount()
    {
        return refused.size();
    }

    /** Forgets the recorded calls and refusals. */
    public void clearCalls()
    {
        calls.clear();
        refused.clear();
    }

    /** @return how many flashblocks_forkchoiceUpdatedV3 calls carried an authorization that verified. */
    public long authorizedForkchoiceUpdates()
    {
        return authorizedForkchoiceUpdates.get();
    }

    /** @return why flashblocks_forkchoiceUpdatedV3 calls were refused, in order. */
    public List<String> authorizationRefusals()
    {
        return new ArrayList<>(authorizationRefusals);
    }

    /** @return the head of the last forkchoiceUpdated, or null. */
    public String head()
    {
        return head;
    }

    /** @return the raw transactions received by eth_sendRawTransaction. */
    public List<String> rawTransactions()
    {
        return Collections.unmodifiableList(rawTransactions);
    }

    /** @return the values of the miner_* calls received, by method. */
    public Map<String, String> minerSettings()
    {
        return Collections.unmodifiableMap(minerSettings);
    }

    @Override
    public String toString()
    {
        return "MockExecutionClient{" + name + " " + address() + (isRunning() ? "" : " stopped") + "}";
    }

    /**
     * Makes every forkchoiceUpdated with attributes answer this payload id (the id a recorded flashblocks stream
     * carries), or restores fresh ids.
     *
     * @param payloadId an 8-byte DATA, or null for fresh ids.
     * @return this.
     */
    public MockExecutionClient fixedPayloadId(final String payloadId)
    {
        fixedPayloadId = null == payloadId ? null : payloadId.toLowerCase(Locale.ROOT);
        return this;
    }

    private String nextPayloadId()
    {
        final String fixed = fixedPayloadId;
        if (null != fixed)
        {
            return fixed;
        }
        final long id = ((long)(versionByte & 0xFF) << 56) | (payloadCounter.incrementAndGet() & 0x00FF_FFFF_FFFF_FFFFL);
        return String.format("0x%016x", id);
    }

    // ---- request handling (on the mock's event loop) ----

    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            final Map<String, String> headers = new HashMap<>();
            request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            final String body = request.content().toString(StandardCharsets.UTF_8);
            if (null != verifier)
            {
                final String refusal = verifier.check(headers.get("authorization"), System.currentTimeMillis() / 1000);
                if (null != refusal)
                {
                    refused.add(new RecordedCall(sequence.incrementAndGet(), methodOf(body), "null", null, body,
                        headers, false, false, refusal));
                    write(ctx, HttpResponseStatus.UNAUTHORIZED, rpcError("null", -32000, "unauthorized: " + refusal),
                        keepAlive);
                    return;
                }
            }
            final JsonNode root;
            try
            {
                root = MAPPER.readTree(body);
            }
            catch (final Exception ex)
            {
                write(ctx, HttpResponseStatus.OK, rpcError("null", -32700, "Parse error"), keepAlive);
                return;
            }
            if (null != root && root.isArray())
            {
                final StringBuilder out = new StringBuilder().append('[');
                for (int i = 0; i < root.size(); i++)
                {
                    final RecordedCall call = record(root.get(i), body, headers, true);
                    final String answer = answer(call);
                    call.answered(answer);
                    out.append(i == 0 ? "" : ",").append(answer);
                }
                write(ctx, HttpResponseStatus.OK, out.append(']').toString(), keepAlive);
                return;
            }
            final RecordedCall call = record(root, body, headers, false);
            final String answer = answer(call);
            final long delay = faults.delayMs(call.method());
            if (delay > 0)
            {
                ctx.executor().schedule(() ->
                {
                    call.answered(answer);
                    write(ctx, HttpResponseStatus.OK, answer, keepAlive);
                }, delay, TimeUnit.MILLISECONDS);
            }
            else
            {
                call.answered(answer);
                write(ctx, HttpResponseStatus.OK, answer, keepAlive);
            }
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }

    private RecordedCall record(final JsonNode request, final String body, final Map<String, String> headers,
        final boolean batch)
    {
        final String method = null == request ? "" : request.path("method").asText("");
        final JsonNode id = null == request ? null : request.get("id");
        final RecordedCall call = new RecordedCall(sequence.incrementAndGet(), method,
            null == id ? "null" : id.toString(), request, body, headers, batch, true, null);
        calls.add(call);
        return call;
    }

    private static String methodOf(final String body)
    {
        try
        {
            final JsonNode root = MAPPER.readTree(body);
            return null == root ? "" : root.path("method").asText("");
        }
        catch (final Exception ex)
        {
            return "";
        }
    }

    private static void write(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String body,
        final boolean keepAlive)
    {
        if (!ctx.channel().isActive())
        {
            return;
        }
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response);
    }

    /**
     * Computes the answer to one call, applying the configured faults.
     */
    private String answer(final RecordedCall call)
    {
        final JsonNode request = call.request();
        final String id = call.rawId();
        if (!request.isObject() || call.method().isEmpty())
        {
            return rpcError(id, -32600, "Invalid Request");
        }
        final String method = call.method();
        final MockFaults.RpcError error = faults.errorFor(method);
        if (null != error)
        {
            return rpcError(id, error.code(), error.message());
        }
        try
        {
            switch (method)
            {
                case "engine_forkchoiceUpdatedV3":
                    return result(id, forkchoiceUpdated(call));
                case "flashblocks_forkchoiceUpdatedV3":
                    if (null == p2p)
                    {
                        return rpcError(id, -32601, "the method " + method + " does not exist/is not available");
                    }
                    final String refusal = p2p.check(call.request().path("params"));
                    if (null != refusal)
                    {
                        authorizationRefusals.add(refusal);
                        return rpcError(id, -32602, "invalid authorization: " + refusal);
                    }
                    if (call.param(2).isObject())
                    {
                        authorizedForkchoiceUpdates.incrementAndGet();
                    }
                    return result(id, forkchoiceUpdated(call));
                case "engine_getPayloadV3":
                    return getPayload(id, call, 3);
                case "engine_getPayloadV4":
                    return getPayload(id, call, 4);
                case "engine_getPayloadV5":
                    return getPayload(id, call, 5);
                case "engine_newPayloadV3":
                case "engine_newPayloadV4":
                    return result(id, newPayload(call));
                case "engine_exchangeCapabilities":
                    final ArrayNode caps = NODES.arrayNode();
                    CAPABILITIES.forEach(caps::add);
                    return result(id, caps);
                case "eth_getBlockByNumber":
                    return result(id, latestBlock());
                case "eth_chainId":
                    // Deliberately unusual spacing: pass-through tests compare the bytes the sidecar returns.
                    return "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": \"" + CHAIN_ID + "\"}\n";
                case "eth_sendRawTransaction":
                case "eth_sendRawTransactionConditional":
                    final String raw = call.param(0).asText("");
                    rawTransactions.add(raw);
                    return result(id, NODES.textNode(keccakHex(raw)));
                default:
                    if (method.startsWith("miner_"))
                    {
                        minerSettings.put(method, call.param(0).toString());
                        return result(id, NODES.booleanNode(true));
                    }
                    return rpcError(id, -32601, "the method " + method + " does not exist/is not available");
            }
        }
        catch (final RuntimeException ex)
        {
            return rpcError(id, -32602, "Invalid params: " + ex.getMessage());
        }
    }

    private ObjectNode forkchoiceUpdated(final RecordedCall call)
    {
        final JsonNode state = call.param(0);
        final String newHead = state.path("headBlockHash").asText(null);
        if (null == newHead)
        {
            throw new IllegalArgumentException("missing forkchoice state");
        }
        final String forced = faults.forkchoiceStatus();
        final ObjectNode result = NODES.objectNode();
        if (null != forced && !"VALID".equals(forced))
        {
            result.set("payloadStatus", status(forced, "SYNCING".equals(forced) ? null : newHead, null));
            result.putNull("payloadId");
            return result;
        }
        head = newHead.toLowerCase(Locale.ROOT);
        result.set("payloadStatus", status("VALID", newHead, null));
        final JsonNode attributes = call.param(1);
        if (attributes.isObject())
        {
            final String payloadId = nextPayloadId();
            jobs.put(payloadId, new PayloadJob(head, attributes));
            result.put("payloadId", payloadId);
        }
        else
        {
            result.putNull("payloadId");
        }
        return result;
    }

    private String getPayload(final String id, final RecordedCall call, final int version)
    {
        final String payloadId = call.param(0).asText("").toLowerCase(Locale.ROOT);
        final PayloadJob job = jobs.get(payloadId);
        if (null == job)
        {
            return rpcError(id, -38001, "Unknown payload");
        }
        final PayloadChain chain = PayloadChain.forVersion(version);
        final PayloadChain.Block block = job.block(chain);
        final ObjectNode payload = block.payloadCopy();
        if (faults.zeroStateRoot())
        {
            payload.put("stateRoot", ZERO_HASH);
        }
        final ObjectNode envelope = NODES.objectNode();
        envelope.set("executionPayload", payload);
        envelope.put("blockValue", blockValue);
        final ObjectNode blobs = envelope.putObject("blobsBundle");
        blobs.putArray("commitments");
        blobs.putArray("proofs");
        blobs.putArray("blobs");
        envelope.put("shouldOverrideBuilder", false);
        envelope.put("parentBeaconBlockRoot", block.parentBeaconBlockRoot());
        if (version >= 4)
        {
            envelope.set("executionRequests", block.executionRequests().deepCopy());
        }
        return result(id, envelope);
    }

    private ObjectNode newPayload(final RecordedCall call)
    {
        final JsonNode payload = call.param(0);
        final String blockHash = payload.path("blockHash").asText("").toLowerCase(Locale.ROOT);
        final String parentHash = payload.path("parentHash").asText(null);
        final String forced = faults.newPayloadStatus();
        if (null != forced)
        {
            return status(forced, "VALID".equals(forced) ? blockHash : null,
                forced.startsWith("INVALID") ? "forced by the mock's fault knob" : null);
        }
        PayloadChain.Block known = PayloadChain.cancun().byHash(blockHash);
        if (null == known)
        {
            known = PayloadChain.prague().byHash(blockHash);
        }
        if (null == known)
        {
            final int judged = judgeByBlockHash(call.request());
            if (PayloadBlockHasher.MATCH == judged)
            {
                return status("VALID", blockHash, null);
            }
            if (PayloadBlockHasher.MISMATCH == judged)
            {
                return status("INVALID", parentHash, "invalid block hash: payload content does not hash to " + blockHash);
            }
            final String s = faults.unknownBlockStatus();
            return status(s, "VALID".equals(s) ? blockHash : null,
                s.startsWith("INVALID") ? "unknown block " + blockHash : null);
        }
        if (!known.sameContent(payload))
        {
            return status("INVALID", parentHash,
                "invalid block hash: payload content does not hash to " + blockHash);
        }
        return status("VALID", blockHash, null);
    }

    /**
     * A block of no chain the mock serves is judged as a real client's first check would: by recomputing its hash.
     *
     * @return {@link PayloadBlockHasher#MATCH}, {@link PayloadBlockHasher#MISMATCH} or a negative "cannot judge".
     */
    private static int judgeByBlockHash(final JsonNode request)
    {
        final byte[] json = request.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] padded = new byte[json.length + 16];
        java.util.Arrays.fill(padded, (byte)' ');
        System.arraycopy(json, 0, padded, 0, json.length);
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(padded), 0, json.length);
        return new PayloadBlockHasher().verifyRequest(scanner, 0);
    }

    private ObjectNode latestBlock()
    {
        final String h = head;
        PayloadChain.Block b = PayloadChain.cancun().byHash(h);
        if (null == b)
        {
            b = PayloadChain.prague().byHash(h);
        }
        final ObjectNode block = NODES.objectNode();
        block.put("number", "0x" + Long.toHexString(null == b ? 0 : b.number()));
        block.put("hash", null == b ? (null == h ? ZERO_HASH : h) : b.blockHash());
        block.put("parentHash", null == b ? ZERO_HASH : b.parentHash());
        block.put("timestamp", "0x" + Long.toHexString(faults.blockTimestampSeconds()));
        block.put("gasLimit", null == b ? "0x1c9c380" : b.payload().path("gasLimit").asText());
        block.put("gasUsed", null == b ? "0x0" : b.payload().path("gasUsed").asText());
        block.put("stateRoot", null == b ? ZERO_HASH : b.payload().path("stateRoot").asText());
        block.put("baseFeePerGas", null == b ? "0x7" : b.payload().path("baseFeePerGas").asText());
        block.put("miner", "0x4200000000000000000000000000000000000011");
        block.putArray("transactions");
        block.putArray("uncles");
        return block;
    }

    private static ObjectNode status(final String status, final String latestValidHash, final String validationError)
    {
        final ObjectNode s = NODES.objectNode();
        s.put("status", status);
        if (null == latestValidHash)
        {
            s.putNull("latestValidHash");
        }
        else
        {
            s.put("latestValidHash", latestValidHash);
        }
        if (null == validationError)
        {
            s.putNull("validationError");
        }
        else
        {
            s.put("validationError", validationError);
        }
        return s;
    }

    private static String result(final String id, final JsonNode result)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result.toString() + "}";
    }

    private static String rpcError(final String id, final int code, final String message)
    {
        final ObjectNode error = NODES.objectNode();
        error.put("code", code);
        error.put("message", message);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":" + error.toString() + "}";
    }

    static String keccakHex(final String hex)
    {
        final String s = hex.startsWith("0x") ? hex.substring(2) : hex;
        final byte[] bytes = new byte[s.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        final KeccakDigest digest = new KeccakDigest(256);
        digest.update(bytes, 0, bytes.length);
        final byte[] out = new byte[32];
        digest.doFinal(out, 0);
        final StringBuilder b = new StringBuilder(66).append("0x");
        for (final byte x : out)
        {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }

    /** What one forkchoiceUpdated with attributes started: the block served for its payload id. */
    private static final class PayloadJob
    {
        final String parent;
        final JsonNode attributes;
        final Map<String, PayloadChain.Block> built = new ConcurrentHashMap<>();

        PayloadJob(final String parent, final JsonNode attributes)
        {
            this.parent = parent;
            this.attributes = attributes;
        }

        PayloadChain.Block block(final PayloadChain chain)
        {
            return built.computeIfAbsent(chain.name(), k -> chain.next(parent));
        }
    }

    /**
     * Configures a {@link MockExecutionClient}.
     */
    public static final class Builder
    {
        private final String name;
        private String host = "127.0.0.1";
        private int port;
        private int versionByte = OP_GETH_VERSION_BYTE;
        private String blockValue = "0x0";
        private JwtSecret secret;
        private byte[] p2pAuthorizerVk;
        private byte[] p2pBuilderVk;

        private Builder(final String name)
        {
            this.name = name;
        }

        /** @param v listen address (default 127.0.0.1). @return this. */
        public Builder host(final String v)
        {
            host = v;
            return this;
        }

        /** @param v listen port, 0 for any (default). @return this. */
        public Builder port(final int v)
        {
            port = v;
            return this;
        }

        /** @param v first byte of the payload ids it hands out (0x03 op-geth, 0x04 op-reth). @return this. */
        public Builder versionByte(final int v)
        {
            versionByte = v;
            return this;
        }

        /** @param v the blockValue of its envelopes, a QUANTITY. @return this. */
        public Builder blockValue(final String v)
        {
            blockValue = v;
            return this;
        }

        /** @param v the JWT secret requests must be signed with; null accepts everything. @return this. */
        public Builder jwtSecret(final JwtSecret v)
        {
            secret = v;
            return this;
        }

        /**
         * Makes it a P2P-mode builder that answers {@code flashblocks_forkchoiceUpdatedV3} after checking the
         * authorization.
         *
         * @param authorizerVk the 32-byte ed25519 key authorizations must be signed with.
         * @param builderVk    its own 32-byte ed25519 key, which authorizations must name.
         * @return this.
         */
        public Builder flashblocksP2p(final byte[] authorizerVk, final byte[] builderVk)
        {
            p2pAuthorizerVk = authorizerVk.clone();
            p2pBuilderVk = builderVk.clone();
            return this;
        }

        /** @return the mock, not yet listening. */
        public MockExecutionClient build()
        {
            return new MockExecutionClient(this);
        }

        /** @return the mock, listening. */
        public MockExecutionClient start()
        {
            return build().start();
        }
    }
}
