package io.boostj.codecs.flashblocks;

/**
 * The fields of a flashblock's {@code base} and {@code diff} objects (op-alloy {@code OpFlashblockPayloadBase} and
 * {@code OpFlashblockPayloadDelta}), in op-rbuilder's wire order, with their snake_case wire name, the camelCase name
 * the Engine API gives the same value in an {@code ExecutionPayload}, and the JSON type each must have.
 * <p>
 * {@link FlashblockView} indexes the position of every field by {@link #ordinal()}.
 */
public enum FlashblockField
{
    /**
     * {@code base.parent_beacon_block_root}: DATA, 32 bytes; the getPayload envelope's {@code parentBeaconBlockRoot}.
     */
    PARENT_BEACON_BLOCK_ROOT(true, "parent_beacon_block_root", "parentBeaconBlockRoot", Kind.DATA, 32, false),

    /**
     * {@code base.parent_hash}: DATA, 32 bytes.
     */
    PARENT_HASH(true, "parent_hash", "parentHash", Kind.DATA, 32, false),

    /**
     * {@code base.fee_recipient}: DATA, 20 bytes.
     */
    FEE_RECIPIENT(true, "fee_recipient", "feeRecipient", Kind.DATA, 20, false),

    /**
     * {@code base.prev_randao}: DATA, 32 bytes.
     */
    PREV_RANDAO(true, "prev_randao", "prevRandao", Kind.DATA, 32, false),

    /**
     * {@code base.block_number}: QUANTITY, 64 bits.
     */
    BLOCK_NUMBER(true, "block_number", "blockNumber", Kind.QUANTITY, 8, false),

    /**
     * {@code base.gas_limit}: QUANTITY, 64 bits.
     */
    GAS_LIMIT(true, "gas_limit", "gasLimit", Kind.QUANTITY, 8, false),

    /**
     * {@code base.timestamp}: QUANTITY, 64 bits, seconds.
     */
    TIMESTAMP(true, "timestamp", "timestamp", Kind.QUANTITY, 8, false),

    /**
     * {@code base.extra_data}: DATA of any length.
     */
    EXTRA_DATA(true, "extra_data", "extraData", Kind.DATA, -1, false),

    /**
     * {@code base.base_fee_per_gas}: QUANTITY, 256 bits.
     */
    BASE_FEE_PER_GAS(true, "base_fee_per_gas", "baseFeePerGas", Kind.QUANTITY, 32, false),

    /**
     * {@code diff.state_root}: DATA, 32 bytes, cumulative for the block so far.
     */
    STATE_ROOT(false, "state_root", "stateRoot", Kind.DATA, 32, false),

    /**
     * {@code diff.receipts_root}: DATA, 32 bytes, cumulative.
     */
    RECEIPTS_ROOT(false, "receipts_root", "receiptsRoot", Kind.DATA, 32, false),

    /**
     * {@code diff.logs_bloom}: DATA, 256 bytes, cumulative.
     */
    LOGS_BLOOM(false, "logs_bloom", "logsBloom", Kind.DATA, 256, false),

    /**
     * {@code diff.gas_used}: QUANTITY, 64 bits, cumulative.
     */
    GAS_USED(false, "gas_used", "gasUsed", Kind.QUANTITY, 8, false),

    /**
     * {@code diff.block_hash}: DATA, 32 bytes: the hash of the block made of flashblocks 0..this one.
     */
    BLOCK_HASH(false, "block_hash", "blockHash", Kind.DATA, 32, false),

    /**
     * {@code diff.transactions}: array of DATA, only the transactions new in this flashblock.
     */
    TRANSACTIONS(false, "transactions", "transactions", Kind.ARRAY, -1, false),

    /**
     * {@code diff.withdrawals}: array of withdrawal objects, only the new ones.
     */
    WITHDRAWALS(false, "withdrawals", "withdrawals", Kind.ARRAY, -1, false),

    /**
     * {@code diff.withdrawals_root}: DATA, 32 bytes; optional here (pre-Isthmus producers), present from Isthmus on.
     */
    WITHDRAWALS_ROOT(false, "withdrawals_root", "withdrawalsRoot", Kind.DATA, 32, true),

    /**
     * {@code diff.blob_gas_used}: QUANTITY, 64 bits; optional (Jovian DA footprint), omitted when None.
     */
    BLOB_GAS_USED(false, "blob_gas_used", "blobGasUsed", Kind.QUANTITY, 8, true);

    /**
     * JSON type of a field's value.
     */
    public enum Kind
    {
        /**
         * A {@code "0x…"} string of an even number of hex digits.
         */
        DATA,

        /**
         * A {@code "0x…"} hex number string.
         */
        QUANTITY,

        /**
         * A JSON array.
         */
        ARRAY
    }

    /**
     * Number of fields, the size of arrays indexed by {@link #ordinal()}.
     */
    public static final int COUNT = values().length;

    private static final FlashblockField[] VALUES = values();

    private final boolean isBase;
    private final String wireName;
    private final String engineName;
    private final Kind kind;
    private final int byteLength;
    private final boolean isOptional;
    private final String missingMessage;
    private final String invalidMessage;

    FlashblockField(
        final boolean isBase,
        final String wireName,
        final String engineName,
        final Kind kind,
        final int byteLength,
        final boolean isOptional)
    {
        this.isBase = isBase;
        this.wireName = wireName;
        this.engineName = engineName;
        this.kind = kind;
        this.byteLength = byteLength;
        this.isOptional = isOptional;
        final String path = (isBase ? "base." : "diff.") + wireName;
        this.missingMessage = path + " is missing";
        switch (kind)
        {
            case DATA:
                this.invalidMessage = path + (byteLength < 0 ?
                    " must be 0x-prefixed even-length hex data" : " must be " + byteLength + " bytes of 0x hex");
                break;

            case QUANTITY:
                this.invalidMessage = path + " must be a 0x hex quantity of at most " + (byteLength * 8) + " bits";
                break;

            default:
                this.invalidMessage = path + " must be an array";
        }
    }

    /**
     * The field with this ordinal.
     *
     * @param ordinal 0 .. {@link #COUNT} - 1.
     * @return the field.
     */
    public static FlashblockField get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * Is this a field of {@code base} (else of {@code diff})?
     *
     * @return true for base fields.
     */
    public boolean isBase()
    {
        return isBase;
    }

    /**
     * The snake_case member name on the flashblock wire.
     *
     * @return e.g. {@code parent_beacon_block_root}.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * The camelCase member name of the same value in an Engine API {@code ExecutionPayload} or envelope.
     *
     * @return e.g. {@code parentBeaconBlockRoot}.
     */
    public String engineName()
    {
        return engineName;
    }

    /**
     * The JSON type of the value.
     *
     * @return DATA, QUANTITY or ARRAY.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * Exact byte length of a DATA field, or maximum byte width of a QUANTITY.
     *
     * @return the length, or -1 for DATA of any length and for arrays.
     */
    public int byteLength()
    {
        return byteLength;
    }

    /**
     * May the field be absent (or null)?
     *
     * @return true for {@link #WITHDRAWALS_ROOT} and {@link #BLOB_GAS_USED}.
     */
    public boolean isOptional()
    {
        return isOptional;
    }

    String missingMessage()
    {
        return missingMessage;
    }

    String invalidMessage()
    {
        return invalidMessage;
    }
}
