package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chain of consecutive real execution payloads, loaded from a file of {@code engine_newPayloadVn} JSON-RPC requests
 * (see {@code chains/PROVENANCE.md}). The mock execution clients serve its blocks in order: the block built on a parent
 * is the chain's block whose {@code parentHash} is that parent; past the end (or from an unknown parent) the chain
 * starts again at its first block.
 */
public final class PayloadChain
{
    /** The Cancun chain, served for {@code engine_getPayloadV3}. */
    public static final String CANCUN = "chains/cancun-newpayload.json";
    /** The Prague chain, served for {@code engine_getPayloadV4/V5}. */
    public static final String PRAGUE = "chains/prague-newpayload.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, PayloadChain> CACHE = new HashMap<>();

    private final String name;
    private final List<Block> blocks;
    private final Map<String, Block> byHash = new HashMap<>();
    private final Map<String, Block> byParent = new HashMap<>();

    private PayloadChain(final String name, final List<Block> blocks)
    {
        this.name = name;
        this.blocks = Collections.unmodifiableList(blocks);
        for (final Block b : blocks)
        {
            byHash.put(b.blockHash, b);
            byParent.put(b.parentHash, b);
        }
    }

    /**
     * @return the Cancun chain (417 blocks, V3), loaded once per class loader.
     */
    public static PayloadChain cancun()
    {
        return load(CANCUN, "engine_newPayloadV3");
    }

    /**
     * @return the Prague chain (589 blocks, V4), loaded once per class loader.
     */
    public static PayloadChain prague()
    {
        return load(PRAGUE, "engine_newPayloadV4");
    }

    /**
     * @param version the getPayload/newPayload method version (3, 4 or 5).
     * @return the chain served for it.
     */
    public static PayloadChain forVersion(final int version)
    {
        return version <= 3 ? cancun() : prague();
    }

    /**
     * Loads the consecutive requests of one method from a classpath resource.
     *
     * @param resource the resource name.
     * @param method   the newPayload method whose requests make the chain.
     * @return the chain.
     */
    public static synchronized PayloadChain load(final String resource, final String method)
    {
        final String key = resource + "#" + method;
        final PayloadChain cached = CACHE.get(key);
        if (null != cached)
        {
            return cached;
        }
        final JsonNode root;
        try (InputStream in = PayloadChain.class.getClassLoader().getResourceAsStream(resource))
        {
            if (null == in)
            {
                throw new IllegalStateException("chain resource not on the classpath: " + resource);
            }
            root = MAPPER.readTree(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read chain " + resource, ex);
        }
        final List<Block> blocks = new ArrayList<>();
        for (final JsonNode request : root)
        {
            if (!method.equals(request.path("method").asText()))
            {
                continue;
            }
            final JsonNode params = request.get("params");
            final ObjectNode payload = (ObjectNode)params.get(0);
            final String beaconRoot = params.size() > 2 ? params.get(2).asText() : null;
            final ArrayNode requests = MAPPER.createArrayNode();
            if (params.size() > 3)
            {
                for (final JsonNode r : params.get(3))
                {
                    requests.add(toHex(r.asText()));
                }
            }
            final Block previous = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            final Block block = new Block(blocks.size(), payload, beaconRoot, requests);
            if (null != previous && !previous.blockHash.equals(block.parentHash))
            {
                throw new IllegalStateException(resource + ": block " + block.number + " does not extend block " +
                    previous.number);
            }
            blocks.add(block);
        }
        if (blocks.isEmpty())
        {
            throw new IllegalStateException(resource + " has no " + method + " requests");
        }
        final PayloadChain chain = new PayloadChain(resource, blocks);
        CACHE.put(key, chain);
        return chain;
    }

    private static String toHex(final String value)
    {
        if (value.startsWith("0x"))
        {
            return value.toLowerCase(Locale.ROOT);
        }
        final byte[] bytes = Base64.getDecoder().decode(value);
        final StringBuilder b = new StringBuilder(2 + 2 * bytes.length).append("0x");
        for (final byte x : bytes)
        {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }

    /**
     * @return the resource it was loaded from.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the blocks in order.
     */
    public List<Block> blocks()
    {
        return blocks;
    }

    /**
     * @return how many blocks.
     */
    public int size()
    {
        return blocks.size();
    }

    /**
     * @return the first block.
     */
    public Block first()
    {
        return blocks.get(0);
    }

    /**
     * @return the parent of the first block: the head a fresh driver starts from.
     */
    public String genesisParent()
    {
        return blocks.get(0).parentHash;
    }

    /**
     * @param parentHash the head being built on.
     * @return the block built on it: the chain's child of that parent, or the first block when there is none.
     */
    public Block next(final String parentHash)
    {
        final Block b = null == parentHash ? null : byParent.get(parentHash.toLowerCase(Locale.ROOT));
        return null == b ? blocks.get(0) : b;
    }

    /**
     * @param blockHash a hash.
     * @return the block with that hash, or null.
     */
    public Block byHash(final String blockHash)
    {
        return null == blockHash ? null : byHash.get(blockHash.toLowerCase(Locale.ROOT));
    }

    /**
     * One real block.
     */
    public static final class Block
    {
        private final int index;
        private final ObjectNode payload;
        private final String payloadJson;
        private final String blockHash;
        private final String parentHash;
        private final long number;
        private final long gasUsed;
        private final String parentBeaconBlockRoot;
        private final ArrayNode executionRequests;

        Block(final int index, final ObjectNode payload, final String parentBeaconBlockRoot,
            final ArrayNode executionRequests)
        {
            this.index = index;
            this.payload = payload;
            this.payloadJson = payload.toString();
            this.blockHash = payload.get("blockHash").asText().toLowerCase(Locale.ROOT);
            this.parentHash = payload.get("parentHash").asText().toLowerCase(Locale.ROOT);
            this.number = Long.decode(payload.get("blockNumber").asText());
            this.gasUsed = Long.decode(payload.get("gasUsed").asText());
            this.parentBeaconBlockRoot = null == parentBeaconBlockRoot ?
                "0x0000000000000000000000000000000000000000000000000000000000000000" : parentBeaconBlockRoot;
            this.executionRequests = executionRequests;
        }

        /** @return position in the chain, from 0. */
        public int index()
        {
            return index;
        }

        /** @return the execution payload (do not modify; use {@link #payloadCopy()}). */
        public ObjectNode payload()
        {
            return payload;
        }

        /** @return a copy of the execution payload that may be modified. */
        public ObjectNode payloadCopy()
        {
            return payload.deepCopy();
        }

        /** @return the execution payload as compact JSON. */
        public String payloadJson()
        {
            return payloadJson;
        }

        /** @return the block hash, lower-case hex. */
        public String blockHash()
        {
            return blockHash;
        }

        /** @return the parent hash, lower-case hex. */
        public String parentHash()
        {
            return parentHash;
        }

        /** @return the block number. */
        public long number()
        {
            return number;
        }

        /** @return gas used. */
        public long gasUsed()
        {
            return gasUsed;
        }

        /** @return the parentBeaconBlockRoot its newPayload carried. */
        public String parentBeaconBlockRoot()
        {
            return parentBeaconBlockRoot;
        }

        /** @return its execution requests as hex strings (V4), empty for V3. */
        public ArrayNode executionRequests()
        {
            return executionRequests;
        }

        /**
         * @param candidate an execution payload received in a newPayload.
         * @return whether it is exactly this block's payload (what an execution client's block hash check decides:
         * the content must be the content that hashes to {@code blockHash}).
         */
        public boolean sameContent(final JsonNode candidate)
        {
            if (null == candidate || !candidate.isObject())
            {
                return false;
            }
            for (final Map.Entry<String, JsonNode> f : payload.properties())
            {
                if (!sameValue(f.getValue(), candidate.get(f.getKey())))
                {
                    return false;
                }
            }
            return true;
        }

        private static boolean sameValue(final JsonNode expected, final JsonNode actual)
        {
            if (null == actual)
            {
                return false;
            }
            if (expected.isTextual())
            {
                return actual.isTextual() && expected.asText().equalsIgnoreCase(actual.asText());
            }
            if (expected.isArray())
            {
                if (!actual.isArray() || actual.size() != expected.size())
                {
                    return false;
                }
                for (int i = 0; i < expected.size(); i++)
                {
                    if (!sameValue(expected.get(i), actual.get(i)))
                    {
                        return false;
                    }
                }
                return true;
            }
            if (expected.isObject())
            {
                if (!actual.isObject())
                {
                    return false;
                }
                for (final Map.Entry<String, JsonNode> f : expected.properties())
                {
                    if (!sameValue(f.getValue(), actual.get(f.getKey())))
                    {
                        return false;
                    }
                }
                return true;
            }
            return expected.equals(actual);
        }
    }
}
