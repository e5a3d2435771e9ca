package io.boostj.codecs.eth;

import java.nio.ByteOrder;

import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Recomputes the block hash of an Engine API execution payload (the {@code ExecutionPayloadV1..V3} JSON object of an
 * {@code engine_newPayloadV1..V4} request, camelCase, plus the request's {@code parentBeaconBlockRoot} and
 * {@code executionRequests} parameters) and compares it with the payload's {@code blockHash}.
 * <p>
 * The header is built by the fork active at the payload's timestamp ({@link Fork}):
 * <ul>
 *     <li>With a {@link ForkSchedule} the schedule wins: the fork at the timestamp decides the layout; payload members
 *     and parameters the fork does not use are ignored, and a member it needs that is absent makes the result
 *     {@link #MISSING_FIELD}.</li>
 *     <li>Without a schedule the fork is inferred from the payload's shape: {@code blobGasUsed}/{@code excessBlobGas}
 *     → Cancun, plus {@code executionRequests} → Prague, else {@code withdrawals} → Shanghai, else Paris; OP Stack when
 *     the first transaction is a deposit (0x7e) or the payload has a {@code withdrawalsRoot}, and then Isthmus when it
 *     has {@code withdrawalsRoot} or {@code executionRequests}. The one ambiguous shape, an OP V4-shaped payload whose
 *     timestamp may still be before Isthmus, is also tried with the pre-Isthmus (Holocene) layout before
 *     {@link #MISMATCH} is reported: a forged payload cannot match either layout, and a valid one matches its own.</li>
 * </ul>
 * The result tells "computed" apart from "cannot judge": {@link #MATCH} and {@link #MISMATCH} (and {@link #COMPUTED})
 * are verdicts; the negative codes ({@link #MALFORMED}, {@link #MISSING_FIELD}, {@link #UNKNOWN_FORK},
 * {@link #UNSUPPORTED}) mean the hash could not be recomputed, with a constant {@link #reason()}. A caller that refuses
 * payloads must refuse only on {@link #MISMATCH}.
 * <p>
 * Lenient where it is harmless: QUANTITY values with leading zeros, and {@code executionRequests} entries in base64 (a
 * go-ethereum test-data quirk) as well as hex. Every other member of the payload must be known: an unknown one (a
 * future fork's field) gives {@link #UNSUPPORTED} rather than a wrong verdict.
 * <p>
 * Reuses its tries, digests and buffers: allocation-free once warm (the trie storage grows to the largest payload seen).
 * Not thread safe.
 */
public final class PayloadBlockHasher
{
    /**
     * {@link #tryComputeBlockHash} verdict: the hash was computed.
     */
    public static final int COMPUTED = 1;

    /**
     * {@link #verify} verdict: the recomputed hash equals the payload's blockHash.
     */
    public static final int MATCH = 2;

    /**
     * {@link #verify} verdict: the recomputed hash differs from the payload's blockHash; the payload is provably wrong.
     */
    public static final int MISMATCH = 3;

    /**
     * Cannot judge: the payload or a parameter is not well-formed (not an object, bad hex, wrong length ...).
     */
    public static final int MALFORMED = -1;

    /**
     * Cannot judge: a field the fork needs is absent or null.
     */
    public static final int MISSING_FIELD = -2;

    /**
     * Cannot judge: no fork is scheduled at the timestamp, or the payload's shape fits no fork.
     */
    public static final int UNKNOWN_FORK = -3;

    /**
     * Cannot judge: something this hasher does not handle (an unknown payload member, an over-long extraData ...).
     */
    public static final int UNSUPPORTED = -4;

    private static final int HASH_LENGTH = 32;
    private static final int FOLLOWING_PARAMS = -3;
    private static final int TX_ROOT = 0;
    private static final int WITHDRAWALS_ROOT = 32;
    private static final int PAYLOAD_WITHDRAWALS_ROOT = 64;
    private static final int BEACON_ROOT = 96;
    private static final int REQUESTS_HASH = 128;
    private static final int REQUESTS_OVERRIDE = 160;
    private static final int EMPTY_REQUESTS_HASH = 192;
    private static final int WORK_LENGTH = 224;

    private static final int PARENT_HASH = 0;
    private static final int FEE_RECIPIENT = 1;
    private static final int STATE_ROOT = 2;
    private static final int RECEIPTS_ROOT = 3;
    private static final int LOGS_BLOOM = 4;
    private static final int PREV_RANDAO = 5;
    private static final int BLOCK_NUMBER = 6;
    private static final int GAS_LIMIT = 7;
    private static final int GAS_USED = 8;
    private static final int TIMESTAMP = 9;
    private static final int EXTRA_DATA = 10;
    private static final int BASE_FEE = 11;
    private static final int BLOCK_HASH = 12;
    private static final int TRANSACTIONS = 13;
    private static final int WITHDRAWALS = 14;
    private static final int BLOB_GAS_USED = 15;
    private static final int EXCESS_BLOB_GAS = 16;
    private static final int PAYLOAD_WITHDRAWALS_ROOT_MEMBER = 17;
    private static final String[] MEMBER_NAMES =
    {
        "parentHash", "feeRecipient", "stateRoot", "receiptsRoot", "logsBloom", "prevRandao", "blockNumber",
        "gasLimit", "gasUsed", "timestamp", "extraData", "baseFeePerGas", "blockHash", "transactions", "withdrawals",
        "blobGasUsed", "excessBlobGas", "withdrawalsRoot"
    };
    private static final String[] MISSING_REASONS =
    {
        "payload has no parentHash", "payload has no feeRecipient", "payload has no stateRoot",
        "payload has no receiptsRoot", "payload has no logsBloom", "payload has no prevRandao",
        "payload has no blockNumber", "payload has no gasLimit", "payload has no gasUsed", "payload has no timestamp",
        "payload has no extraData", "payload has no baseFeePerGas", "payload has no blockHash",
        "payload has no transactions"
    };

    private static final String ERR_NOT_OBJECT = "payload must be a JSON object";
    private static final String ERR_NOT_REQUEST = "not an engine_newPayload request";
    private static final String ERR_PARAMS = "params must be an array";
    private static final String ERR_DUPLICATE = "duplicate payload member";
    private static final String ERR_UNKNOWN_MEMBER = "unknown payload member (a newer fork?)";
    private static final String ERR_TRANSACTIONS = "transactions must be an array of non-empty 0x hex strings";
    private static final String ERR_WITHDRAWALS = "withdrawals must be an array of withdrawal objects";
    private static final String ERR_EXTRA_DATA = "extraData longer than 1024 bytes";
    private static final String ERR_BASE_FEE = "baseFeePerGas must be a 0x quantity of at most 256 bits";
    private static final String ERR_BLOB_GAS_PAIR = "blobGasUsed and excessBlobGas must both be present or both absent";
    private static final String ERR_REQUESTS = "executionRequests must be an array of hex (or base64) strings";
    private static final String ERR_BEACON_ROOT = "parentBeaconBlockRoot must be 32-byte hex";
    private static final String ERR_NO_FORK = "no fork scheduled at the payload's timestamp";
    private static final String ERR_SHAPE = "payload shape fits no fork";
    private static final String ERR_BLOB_WITHOUT_WITHDRAWALS = "blob gas fields without withdrawals fit no fork";
    private static final String ERR_MISSING_WITHDRAWALS = "fork needs withdrawals";
    private static final String ERR_MISSING_WITHDRAWALS_ROOT = "OP Isthmus payload has no withdrawalsRoot";
    private static final String ERR_MISSING_BLOB_GAS = "fork needs blobGasUsed and excessBlobGas";
    private static final String ERR_MISSING_BEACON_ROOT = "fork needs parentBeaconBlockRoot";
    private static final String ERR_MISSING_REQUESTS = "fork needs executionRequests (absent or null)";
    private static final String ERR_OP_REQUESTS = "OP payload with non-empty executionRequests";
    private static final String ERR_BLOCK_HASH = "blockHash must be 32-byte hex";
    private static final String ERR_TOO_MANY = "more transactions or withdrawals than supported";

    private static final byte[] BASE64_VALUES = new byte[256];

    static
    {
        java.util.Arrays.fill(BASE64_VALUES, (byte)-1);
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++)
        {
            BASE64_VALUES[alphabet.charAt(i)] = (byte)i;
        }
    }

    private final ForkSchedule schedule;
    private final BlockHeader header = new BlockHeader();
    private final OrderedTrieRoot transactions = new OrderedTrieRoot();
    private final OrderedTrieRoot withdrawals = new OrderedTrieRoot();
    private final Keccak256 keccak = new Keccak256();
    private final SHA256Digest outerSha256 = new SHA256Digest();
    private final SHA256Digest requestSha256 = new SHA256Digest();
    private final ExpandableArrayBuffer requestBytes = new ExpandableArrayBuffer(1024);
    private final byte[] digest = new byte[HASH_LENGTH];
    private final UnsafeBuffer work = new UnsafeBuffer(new byte[WORK_LENGTH]);
    private final UnsafeBuffer computedHash = new UnsafeBuffer(new byte[HASH_LENGTH]);
    private final UnsafeBuffer claimedHash = new UnsafeBuffer(new byte[HASH_LENGTH]);
    private final UnsafeBuffer alternateHash = new UnsafeBuffer(new byte[HASH_LENGTH]);
    private final int[] positions = new int[MEMBER_NAMES.length];

    private JsonScanner scanner;
    private String reason;
    private Fork fork;
    private Fork fallback;
    private boolean usedFallback;
    private boolean hasWithdrawals;
    private boolean hasBlobGas;
    private boolean hasPayloadWithdrawalsRoot;
    private boolean hasBeaconRoot;
    private boolean hasRequests;
    private boolean hasNonEmptyRequests;
    private boolean requestsNull;
    private boolean hasRequestsOverride;
    private int firstTransactionType;
    private int inferFailure;
    private String checkReason;
    private long blockNumber;
    private long timestamp;
    private long blobGasUsed;
    private long excessBlobGas;

    /**
     * A hasher that infers the fork from each payload's shape.
     */
    public PayloadBlockHasher()
    {
        this(null);
    }

    /**
     * A hasher for one chain.
     *
     * @param schedule the chain's forks, or null to infer the fork from each payload's shape.
     */
    public PayloadBlockHasher(final ForkSchedule schedule)
    {
        this.schedule = schedule;
        final SHA256Digest empty = new SHA256Digest();
        empty.doFinal(digest, 0);
        work.putBytes(EMPTY_REQUESTS_HASH, digest);
    }

    /**
     * Is a result a verdict ({@link #COMPUTED}, {@link #MATCH}, {@link #MISMATCH}) rather than "cannot judge"?
     *
     * @param result a result of this class.
     * @return true for a verdict.
     */
    public static boolean isJudged(final int result)
    {
        return result > 0;
    }

    /**
     * A name for a result code, for logs and tools.
     *
     * @param result a result of this class.
     * @return {@code "MATCH"}, {@code "MISMATCH"}, {@code "COMPUTED"} or {@code "UNKNOWN"}.
     */
    public static String resultName(final int result)
    {
        switch (result)
        {
            case MATCH:
                return "MATCH";
            case MISMATCH:
                return "MISMATCH";
            case COMPUTED:
                return "COMPUTED";
            default:
                return "UNKNOWN";
        }
    }

    /**
     * The schedule this hasher follows.
     *
     * @return the schedule, or null when it infers forks from the payload's shape.
     */
    public ForkSchedule schedule()
    {
        return schedule;
    }

    /**
     * Checks the payload of a whole {@code engine_newPayloadV1..V4} JSON-RPC request: {@code params[0]} is the
     * payload, {@code params[2]} the parent beacon block root and {@code params[3]} the execution requests.
     *
     * @param scanner    scanner wrapping the request.
     * @param requestPos position of the request object.
     * @return as {@link #verify(JsonScanner, int, int, int)}; {@link #UNSUPPORTED} for another method.
     */
    public int verifyRequest(final JsonScanner scanner, final int requestPos)
    {
        this.scanner = scanner;
        reason = null;
        try
        {
            if (requestPos < 0 || scanner.kind(requestPos) != JsonScanner.OBJECT)
            {
                return fail(MALFORMED, ERR_NOT_OBJECT);
            }
            final int method = scanner.member(requestPos, "method");
            if (method < 0 || scanner.kind(method) != JsonScanner.STRING || !isNewPayload(scanner, method))
            {
                return fail(UNSUPPORTED, ERR_NOT_REQUEST);
            }
            final int params = scanner.member(requestPos, "params");
            if (params < 0 || scanner.kind(params) != JsonScanner.ARRAY)
            {
                return fail(MALFORMED, ERR_PARAMS);
            }
            return verify(scanner, scanner.element(params, 0), FOLLOWING_PARAMS, FOLLOWING_PARAMS, null, 0);
        }
        catch (final JsonException ex)
        {
            return fail(MALFORMED, ex.reason());
        }
    }

    /**
     * Recomputes the block hash of a payload and compares it with the payload's {@code blockHash}.
     *
     * @param scanner                  scanner wrapping the JSON.
     * @param payloadPos               position of the execution payload object.
     * @param parentBeaconBlockRootPos position of the parentBeaconBlockRoot parameter, -1 if the request has none.
     * @param executionRequestsPos     position of the executionRequests parameter, -1 if the request has none.
     * @return {@link #MATCH}, {@link #MISMATCH}, or a negative "cannot judge" code.
     */
    public int verify(
        final JsonScanner scanner,
        final int payloadPos,
        final int parentBeaconBlockRootPos,
        final int executionRequestsPos)
    {
        return verify(scanner, payloadPos, parentBeaconBlockRootPos, executionRequestsPos, null, 0);
    }

    /**
     * As {@link #verify(JsonScanner, int, int, int)}, with the header's requestsHash given directly (for sources that
     * know the hash but not the requests).
     *
     * @param scanner                  scanner wrapping the JSON.
     * @param payloadPos               position of the execution payload object.
     * @param parentBeaconBlockRootPos position of the parentBeaconBlockRoot parameter, -1 if the request has none.
     * @param executionRequestsPos     position of the executionRequests parameter, -1 if the request has none.
     * @param requestsHash             buffer holding a 32-byte requestsHash that replaces the one computed from the
     *                                 execution requests, or null.
     * @param requestsHashOffset       index of its first byte.
     * @return {@link #MATCH}, {@link #MISMATCH}, or a negative "cannot judge" code.
     */
    public int verify(
        final JsonScanner scanner,
        final int payloadPos,
        final int parentBeaconBlockRootPos,
        final int executionRequestsPos,
        final DirectBuffer requestsHash,
        final int requestsHashOffset)
    {
        final int prepared = prepare(
            scanner, payloadPos, parentBeaconBlockRootPos, executionRequestsPos, requestsHash, requestsHashOffset);
        if (prepared < 0)
        {
            return prepared;
        }
        final int blockHashPos = positions[BLOCK_HASH];
        if (blockHashPos < 0)
        {
            return fail(MISSING_FIELD, MISSING_REASONS[BLOCK_HASH]);
        }
        try
        {
            scanner.hexBytes(blockHashPos, claimedHash, 0, HASH_LENGTH);
        }
        catch (final JsonException ex)
        {
            return fail(MALFORMED, ERR_BLOCK_HASH);
        }

        build(fork, computedHash);
        if (computedHash.compareTo(claimedHash) == 0)
        {
            return MATCH;
        }
        if (null != fallback && check(fallback) > 0)
        {
            build(fallback, alternateHash);
            if (alternateHash.compareTo(claimedHash) == 0)
            {
                computedHash.putBytes(0, alternateHash, 0, HASH_LENGTH);
                fork = fallback;
                usedFallback = true;
                return MATCH;
            }
        }
        return MISMATCH;
    }

    /**
     * Recomputes the block hash of a payload with the fork's layout (no comparison, no fallback layout).
     *
     * @param scanner                  scanner wrapping the JSON.
     * @param payloadPos               position of the execution payload object.
     * @param parentBeaconBlockRootPos position of the parentBeaconBlockRoot parameter, -1 if the request has none.
     * @param executionRequestsPos     position of the executionRequests parameter, -1 if the request has none.
     * @param dst                      destination.
     * @param dstOffset                where to write the 32-byte hash.
     * @return {@link #COMPUTED}, or a negative "cannot judge" code (then nothing is written).
     */
    public int tryComputeBlockHash(
        final JsonScanner scanner,
        final int payloadPos,
        final int parentBeaconBlockRootPos,
        final int executionRequestsPos,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        final int prepared = prepare(scanner, payloadPos, parentBeaconBlockRootPos, executionRequestsPos, null, 0);
        if (prepared < 0)
        {
            return prepared;
        }
        build(fork, computedHash);
        dst.putBytes(dstOffset, computedHash, 0, HASH_LENGTH);
        return COMPUTED;
    }

    /**
     * Why the last call could not judge.
     *
     * @return a constant description, or null if the last call gave a verdict.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * The fork whose header layout gave the last verdict.
     *
     * @return the fork, or null if none was determined.
     */
    public Fork fork()
    {
        return fork;
    }

    /**
     * Did the last {@link #verify} match only with the fallback (pre-Isthmus) layout of an inferred OP fork?
     *
     * @return true if so.
     */
    public boolean usedFallback()
    {
        return usedFallback;
    }

    /**
     * The recomputed hash of the last verdict.
     *
     * @return a 32-byte buffer (overwritten by the next call).
     */
    public DirectBuffer computedHash()
    {
        return computedHash;
    }

    /**
     * The payload's blockHash read by the last {@link #verify}.
     *
     * @return a 32-byte buffer (overwritten by the next call).
     */
    public DirectBuffer claimedHash()
    {
        return claimedHash;
    }

    /**
     * The block number of the last payload, if it was read.
     *
     * @return the number, or -1.
     */
    public long blockNumber()
    {
        return blockNumber;
    }

    /**
     * The timestamp of the last payload, if it was read.
     *
     * @return seconds, or -1.
     */
    public long timestamp()
    {
        return timestamp;
    }

    /**
     * Number of transactions of the last payload.
     *
     * @return the count.
     */
    public int transactionCount()
    {
        return transactions.count();
    }

    private int prepare(
        final JsonScanner scanner,
        final int payloadPos,
        final int beaconRootPos,
        final int requestsPos,
        final DirectBuffer requestsHash,
        final int requestsHashOffset)
    {
        this.scanner = scanner;
        reason = null;
        fork = null;
        fallback = null;
        usedFallback = false;
        blockNumber = -1;
        timestamp = -1;
        firstTransactionType = -1;
        hasRequestsOverride = null != requestsHash;
        if (hasRequestsOverride)
        {
            work.putBytes(REQUESTS_OVERRIDE, requestsHash, requestsHashOffset, HASH_LENGTH);
        }
        transactions.reset();
        withdrawals.reset();
        java.util.Arrays.fill(positions, -1);

        try
        {
            if (payloadPos < 0 || scanner.kind(payloadPos) != JsonScanner.OBJECT)
            {
                return fail(MALFORMED, ERR_NOT_OBJECT);
            }
            final int payloadEnd = walk(payloadPos);
            if (payloadEnd < 0)
            {
                return payloadEnd;
            }
            int beaconRoot = beaconRootPos;
            int requests = requestsPos;
            if (beaconRootPos == FOLLOWING_PARAMS)
            {
                final int versionedHashes = nextElementFrom(payloadEnd);
                beaconRoot = nextElementFrom(versionedHashes < 0 ? -1 : scanner.valueEnd(versionedHashes));
                requests = nextElementFrom(beaconRoot < 0 ? -1 : scanner.valueEnd(beaconRoot));
            }
            for (int i = 0; i <= TRANSACTIONS; i++)
            {
                if (positions[i] < 0 && i != BLOCK_HASH)
                {
                    return fail(MISSING_FIELD, MISSING_REASONS[i]);
                }
            }

            header.reset();
            final MutableDirectBuffer fields = header.fields();
            scanner.hexBytes(positions[PARENT_HASH], fields, BlockHeader.PARENT_HASH_OFFSET, HASH_LENGTH);
            scanner.hexBytes(positions[FEE_RECIPIENT], fields, BlockHeader.BENEFICIARY_OFFSET, 20);
            scanner.hexBytes(positions[STATE_ROOT], fields, BlockHeader.STATE_ROOT_OFFSET, HASH_LENGTH);
            scanner.hexBytes(positions[RECEIPTS_ROOT], fields, BlockHeader.RECEIPTS_ROOT_OFFSET, HASH_LENGTH);
            scanner.hexBytes(positions[LOGS_BLOOM], fields, BlockHeader.LOGS_BLOOM_OFFSET, 256);
            scanner.hexBytes(positions[PREV_RANDAO], fields, BlockHeader.MIX_HASH_OFFSET, HASH_LENGTH);
            blockNumber = scanner.quantity(positions[BLOCK_NUMBER]);
            timestamp = scanner.quantity(positions[TIMESTAMP]);
            header.number(blockNumber)
                .gasLimit(scanner.quantity(positions[GAS_LIMIT]))
                .gasUsed(scanner.quantity(positions[GAS_USED]))
                .timestamp(timestamp);
            final int extraData = positions[EXTRA_DATA];
            final int extraDigits = scanner.stringContentEnd(extraData) - scanner.stringContentStart(extraData) - 2;
            if (extraDigits > 2 * BlockHeader.MAX_EXTRA_DATA_LENGTH)
            {
                return fail(UNSUPPORTED, ERR_EXTRA_DATA);
            }
            header.extraDataLength(scanner.hexBytes(extraData, fields, BlockHeader.EXTRA_DATA_OFFSET, -1));
            if (!parseUint256(positions[BASE_FEE], fields, BlockHeader.BASE_FEE_OFFSET))
            {
                return fail(MALFORMED, ERR_BASE_FEE);
            }
            transactions.root(fields, BlockHeader.TRANSACTIONS_ROOT_OFFSET);

            hasWithdrawals = positions[WITHDRAWALS] >= 0;
            if (hasWithdrawals)
            {
                withdrawals.root(work, WITHDRAWALS_ROOT);
            }
            hasPayloadWithdrawalsRoot = positions[PAYLOAD_WITHDRAWALS_ROOT_MEMBER] >= 0;
            if (hasPayloadWithdrawalsRoot)
            {
                scanner.hexBytes(
                    positions[PAYLOAD_WITHDRAWALS_ROOT_MEMBER], work, PAYLOAD_WITHDRAWALS_ROOT, HASH_LENGTH);
            }
            final boolean hasBlobGasUsed = positions[BLOB_GAS_USED] >= 0;
            if (hasBlobGasUsed != positions[EXCESS_BLOB_GAS] >= 0)
            {
                return fail(MALFORMED, ERR_BLOB_GAS_PAIR);
            }
            hasBlobGas = hasBlobGasUsed;
            blobGasUsed = hasBlobGas ? scanner.quantity(positions[BLOB_GAS_USED]) : 0;
            excessBlobGas = hasBlobGas ? scanner.quantity(positions[EXCESS_BLOB_GAS]) : 0;

            hasBeaconRoot = !scanner.isAbsentOrNull(beaconRoot);
            if (hasBeaconRoot)
            {
                try
                {
                    scanner.hexBytes(beaconRoot, work, BEACON_ROOT, HASH_LENGTH);
                }
                catch (final JsonException ex)
                {
                    return fail(MALFORMED, ERR_BEACON_ROOT);
                }
            }

            requestsNull = requests >= 0 && scanner.isNull(requests);
            hasRequests = requests >= 0 && !requestsNull;
            hasNonEmptyRequests = false;
            if (hasRequests)
            {
                if (scanner.kind(requests) != JsonScanner.ARRAY)
                {
                    return fail(MALFORMED, ERR_REQUESTS);
                }
                hasNonEmptyRequests = scanner.element(requests, 0) >= 0;
            }

            final Fork selected = null != schedule ? schedule.forkAt(timestamp) : infer();
            if (null == selected)
            {
                return null != schedule ? fail(UNKNOWN_FORK, ERR_NO_FORK) : inferFailure;
            }
            final int checked = check(selected);
            if (checked < 0)
            {
                return fail(checked, checkReason);
            }
            fork = selected;
            if (hasRequests && !hasRequestsOverride && !fork.isOp() && fork.hasRequestsHash())
            {
                final int requestsResult = requestsHash(requests);
                if (requestsResult < 0)
                {
                    return requestsResult;
                }
            }
            return COMPUTED;
        }
        catch (final JsonException ex)
        {
            return fail(MALFORMED, ex.reason());
        }
        catch (final IllegalStateException ex)
        {
            return fail(UNSUPPORTED, ERR_TOO_MANY);
        }
    }

    private Fork infer()
    {
        final boolean op = firstTransactionType == TransactionDecoder.TYPE_DEPOSIT || hasPayloadWithdrawalsRoot;
        if (!hasBlobGas)
        {
            if (hasRequests || hasPayloadWithdrawalsRoot || hasBeaconRoot || hasRequestsOverride)
            {
                return inferFail(UNKNOWN_FORK, ERR_SHAPE);
            }
            if (hasWithdrawals)
            {
                return op ? Fork.CANYON : Fork.SHANGHAI;
            }
            return op ? Fork.BEDROCK : Fork.PARIS;
        }
        if (!hasWithdrawals && !hasPayloadWithdrawalsRoot)
        {
            return inferFail(UNKNOWN_FORK, ERR_BLOB_WITHOUT_WITHDRAWALS);
        }
        if (op)
        {
            if (hasPayloadWithdrawalsRoot || hasRequests || hasRequestsOverride)
            {
                fallback = hasWithdrawals ? Fork.HOLOCENE : null;
                return Fork.ISTHMUS;
            }
            return Fork.ECOTONE;
        }
        if (hasRequests || hasRequestsOverride)
        {
            return Fork.PRAGUE;
        }
        if (requestsNull)
        {
            return inferFail(MISSING_FIELD, ERR_MISSING_REQUESTS);
        }
        return Fork.CANCUN;
    }

    private Fork inferFail(final int code, final String why)
    {
        reason = why;
        inferFailure = code;
        return null;
    }

    /*
     * Can the header of fork f be built from what the payload and parameters hold? Sets checkReason when not.
     */
    private int check(final Fork f)
    {
        checkReason = null;
        if (f.hasWithdrawals() && !f.withdrawalsRootFromPayload() && !hasWithdrawals)
        {
            checkReason = ERR_MISSING_WITHDRAWALS;
            return MISSING_FIELD;
        }
        if (f.withdrawalsRootFromPayload() && !hasPayloadWithdrawalsRoot)
        {
            checkReason = ERR_MISSING_WITHDRAWALS_ROOT;
            return MISSING_FIELD;
        }
        if (f.hasBlobGas() && !hasBlobGas)
        {
            checkReason = ERR_MISSING_BLOB_GAS;
            return MISSING_FIELD;
        }
        if (f.hasBlobGas() && !hasBeaconRoot)
        {
            checkReason = ERR_MISSING_BEACON_ROOT;
            return MISSING_FIELD;
        }
        if (f.hasRequestsHash() && !hasRequestsOverride)
        {
            if (!f.isOp() && !hasRequests)
            {
                checkReason = ERR_MISSING_REQUESTS;
                return MISSING_FIELD;
            }
            if (f.isOp() && hasNonEmptyRequests)
            {
                checkReason = ERR_OP_REQUESTS;
                return UNSUPPORTED;
            }
        }
        return COMPUTED;
    }

    private void build(final Fork f, final MutableDirectBuffer dst)
    {
        header.fieldCount(f.headerFieldCount());
        if (f.hasWithdrawals())
        {
            header.put(
                BlockHeader.WITHDRAWALS_ROOT_OFFSET,
                work,
                f.withdrawalsRootFromPayload() ? PAYLOAD_WITHDRAWALS_ROOT : WITHDRAWALS_ROOT,
                HASH_LENGTH);
        }
        if (f.hasBlobGas())
        {
            header.blobGasUsed(blobGasUsed).excessBlobGas(excessBlobGas);
            header.put(BlockHeader.PARENT_BEACON_BLOCK_ROOT_OFFSET, work, BEACON_ROOT, HASH_LENGTH);
        }
        if (f.hasRequestsHash())
        {
            final int source = hasRequestsOverride ? REQUESTS_OVERRIDE : f.isOp() ? EMPTY_REQUESTS_HASH : REQUESTS_HASH;
            header.put(BlockHeader.REQUESTS_HASH_OFFSET, work, source, HASH_LENGTH);
        }
        header.hash(keccak, dst, 0);
    }

    /*
     * One pass over the payload's members; returns the index just past the payload object, or a negative result.
     */
    private int walk(final int payloadPos)
    {
        int namePos = scanner.firstMember(payloadPos);
        int end = scanner.skipWhitespace(scanner.skipWhitespace(payloadPos) + 1);
        while (namePos >= 0)
        {
            final int nameStart = namePos + 1;
            final int nameEnd = scanner.stringContentEnd(namePos);
            final int value = scanner.memberValue(namePos);
            int id = -1;
            for (int i = 0; i < MEMBER_NAMES.length; i++)
            {
                if (scanner.rawEquals(nameStart, nameEnd, MEMBER_NAMES[i]))
                {
                    id = i;
                    break;
                }
            }
            if (id < 0)
            {
                return fail(UNSUPPORTED, ERR_UNKNOWN_MEMBER);
            }
            if (positions[id] != -1)
            {
                return fail(MALFORMED, ERR_DUPLICATE);
            }
            final boolean isNull = scanner.isNull(value);
            positions[id] = isNull ? -2 : value;
            final int valueEnd;
            if (isNull)
            {
                valueEnd = value + 4;
            }
            else if (id == TRANSACTIONS)
            {
                valueEnd = decodeTransactions(value);
            }
            else if (id == WITHDRAWALS)
            {
                valueEnd = decodeWithdrawals(value);
            }
            else
            {
                valueEnd = scanner.valueEnd(value);
            }
            end = scanner.skipWhitespace(valueEnd);
            namePos = scanner.nextMemberFrom(valueEnd);
        }
        for (int i = 0; i < positions.length; i++)
        {
            if (positions[i] == -2)
            {
                positions[i] = -1;
            }
        }
        return end + 1;
    }

    private int decodeTransactions(final int arrayPos)
    {
        final DirectBuffer buffer = scanner.buffer();
        final int limit = scanner.limit();
        int p = scanner.skipWhitespace(arrayPos);
        if (buffer.getByte(p) != '[')
        {
            throw new JsonException(ERR_TRANSACTIONS, p);
        }
        p = scanner.skipWhitespace(p + 1);
        if (p < limit && buffer.getByte(p) == ']')
        {
            return p + 1;
        }
        while (true)
        {
            if (p + 3 > limit || buffer.getByte(p) != '"' || buffer.getByte(p + 1) != '0' ||
                buffer.getByte(p + 2) != 'x')
            {
                throw new JsonException(ERR_TRANSACTIONS, p);
            }
            // one pass: decode digit pairs until the closing quote, into room for the rest of the input
            final int at = transactions.claim((limit - p) >>> 1);
            final byte[] values = transactions.valueBuffer().byteArray();
            int q = p + 3;
            int out = at;
            while (true)
            {
                if (q + 1 >= limit)
                {
                    if (q < limit && buffer.getByte(q) == '"')
                    {
                        break;
                    }
                    transactions.abort();
                    throw new JsonException(ERR_TRANSACTIONS, p);
                }
                final short pair = buffer.getShort(q, ByteOrder.LITTLE_ENDIAN);
                if ((byte)pair == '"')
                {
                    break;
                }
                final int hi = Hex.digitValue((byte)pair);
                final int lo = Hex.digitValue((byte)(pair >> 8));
                if ((hi | lo) < 0)
                {
                    transactions.abort();
                    throw new JsonException(ERR_TRANSACTIONS, q);
                }
                values[out++] = (byte)((hi << 4) | lo);
                q += 2;
            }
            final int length = out - at;
            if (length == 0)
            {
                transactions.abort();
                throw new JsonException(ERR_TRANSACTIONS, p);
            }
            if (transactions.count() == 0)
            {
                firstTransactionType = values[at] & 0xFF;
            }
            transactions.commit(length);

            p = scanner.skipWhitespace(q + 1);
            if (p >= limit)
            {
                throw new JsonException(ERR_TRANSACTIONS, p);
            }
            final byte c = buffer.getByte(p);
            if (c == ']')
            {
                return p + 1;
            }
            if (c != ',')
            {
                throw new JsonException(ERR_TRANSACTIONS, p);
            }
            p = scanner.skipWhitespace(p + 1);
        }
    }

    private int decodeWithdrawals(final int arrayPos)
    {
        if (scanner.kind(arrayPos) != JsonScanner.ARRAY)
        {
            throw new JsonException(ERR_WITHDRAWALS, arrayPos);
        }
        for (int w = scanner.element(arrayPos, 0); w >= 0; w = scanner.nextElement(w))
        {
            final int at = withdrawals.claim(Withdrawal.MAX_ENCODED_LENGTH);
            withdrawals.commit(Withdrawal.encodeJson(scanner, w, withdrawals.valueBuffer(), at));
        }
        return scanner.valueEnd(arrayPos);
    }

    private int requestsHash(final int requestsPos)
    {
        outerSha256.reset();
        for (int r = scanner.element(requestsPos, 0); r >= 0; r = scanner.nextElement(r))
        {
            if (scanner.kind(r) != JsonScanner.STRING)
            {
                return fail(MALFORMED, ERR_REQUESTS);
            }
            final int start = scanner.stringContentStart(r);
            final int end = scanner.stringContentEnd(r);
            final int length = decodeRequest(scanner.buffer(), start, end);
            if (length < 0)
            {
                return fail(MALFORMED, ERR_REQUESTS);
            }
            if (length > 1)
            {
                requestSha256.reset();
                requestSha256.update(requestBytes.byteArray(), 0, length);
                requestSha256.doFinal(digest, 0);
                outerSha256.update(digest, 0, HASH_LENGTH);
            }
        }
        outerSha256.doFinal(digest, 0);
        work.putBytes(REQUESTS_HASH, digest);
        return COMPUTED;
    }

    private int decodeRequest(final DirectBuffer src, final int start, final int end)
    {
        final int length = end - start;
        if (length >= 2 && src.getByte(start) == '0' && src.getByte(start + 1) == 'x')
        {
            requestBytes.checkLimit(length >>> 1);
            return Hex.tryDecodeDigits(src, start + 2, length - 2, requestBytes, 0);
        }
        requestBytes.checkLimit(length);
        int bits = 0;
        int bitCount = 0;
        int out = 0;
        int p = start;
        for (; p < end; p++)
        {
            final byte c = src.getByte(p);
            if (c == '=')
            {
                break;
            }
            final int v = BASE64_VALUES[c & 0xFF];
            if (v < 0)
            {
                return -1;
            }
            bits = (bits << 6) | v;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                requestBytes.putByte(out++, (byte)(bits >>> bitCount));
                bits &= (1 << bitCount) - 1;
            }
        }
        for (; p < end; p++)
        {
            if (src.getByte(p) != '=')
            {
                return -1;
            }
        }
        return out;
    }

    private boolean parseUint256(final int pos, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int start = scanner.stringContentStart(pos);
        return Hex.tryParseQuantity256(scanner.buffer(), start, scanner.stringContentEnd(pos) - start, dst, dstOffset);
    }

    private int nextElementFrom(final int valueEnd)
    {
        if (valueEnd < 0)
        {
            return -1;
        }
        final int p = scanner.skipWhitespace(valueEnd);
        if (p >= scanner.limit() || scanner.buffer().getByte(p) != ',')
        {
            return -1;
        }
        return scanner.skipWhitespace(p + 1);
    }

    private static boolean isNewPayload(final JsonScanner scanner, final int method)
    {
        final int start = scanner.stringContentStart(method);
        final int end = scanner.stringContentEnd(method);
        final String prefix = "engine_newPayloadV";
        return end - start == prefix.length() + 1 && scanner.rawEquals(start, start + prefix.length(), prefix);
    }

    private int fail(final int code, final String why)
    {
        reason = why;
        return code;
    }
}
