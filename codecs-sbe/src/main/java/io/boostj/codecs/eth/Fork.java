package io.boostj.codecs.eth;

/**
 * The execution-layer forks that decide the shape of a post-merge block header, on L1 and on OP Stack chains.
 * <p>
 * What matters for the block hash is the header layout:
 * <ul>
 *     <li>16 fields (Paris; OP Bedrock, Regolith): the London header with difficulty 0, nonce 0 and mixHash =
 *     prevRandao;</li>
 *     <li>17 (Shanghai; OP Canyon, Delta): + {@code withdrawalsRoot} (on OP always the empty-trie root: OP withdrawals
 *     are empty);</li>
 *     <li>20 (Cancun; OP Ecotone, Fjord, Granite, Holocene): + {@code blobGasUsed}, {@code excessBlobGas},
 *     {@code parentBeaconBlockRoot};</li>
 *     <li>21 (Prague, Osaka; OP Isthmus, Jovian): + {@code requestsHash} (EIP-7685). On OP from Isthmus the header's
 *     {@code withdrawalsRoot} is the payload's {@code withdrawalsRoot} (the L2ToL1MessagePasser storage root) instead
 *     of the root of the (empty) withdrawals list, and {@code requestsHash} is {@code sha256("")}. From Jovian the
 *     header's {@code blobGasUsed} carries the block's DA footprint; the payload carries the same number, so the
 *     hash is computed the same way.</li>
 * </ul>
 */
public enum Fork
{
    /**
     * L1 Paris (the merge).
     */
    PARIS(false, BlockHeader.PARIS_FIELDS),

    /**
     * L1 Shanghai (withdrawals).
     */
    SHANGHAI(false, BlockHeader.SHANGHAI_FIELDS),

    /**
     * L1 Cancun (blobs, beacon root).
     */
    CANCUN(false, BlockHeader.CANCUN_FIELDS),

    /**
     * L1 Prague (execution requests, EIP-7702).
     */
    PRAGUE(false, BlockHeader.PRAGUE_FIELDS),

    /**
     * L1 Osaka (Fusaka): no new header field.
     */
    OSAKA(false, BlockHeader.PRAGUE_FIELDS),

    /**
     * OP Bedrock.
     */
    BEDROCK(true, BlockHeader.PARIS_FIELDS),

    /**
     * OP Regolith.
     */
    REGOLITH(true, BlockHeader.PARIS_FIELDS),

    /**
     * OP Canyon (Shanghai).
     */
    CANYON(true, BlockHeader.SHANGHAI_FIELDS),

    /**
     * OP Delta (span batches).
     */
    DELTA(true, BlockHeader.SHANGHAI_FIELDS),

    /**
     * OP Ecotone (Cancun).
     */
    ECOTONE(true, BlockHeader.CANCUN_FIELDS),

    /**
     * OP Fjord.
     */
    FJORD(true, BlockHeader.CANCUN_FIELDS),

    /**
     * OP Granite.
     */
    GRANITE(true, BlockHeader.CANCUN_FIELDS),

    /**
     * OP Holocene.
     */
    HOLOCENE(true, BlockHeader.CANCUN_FIELDS),

    /**
     * OP Isthmus (Prague): payload withdrawalsRoot in the header, requestsHash = sha256("").
     */
    ISTHMUS(true, BlockHeader.PRAGUE_FIELDS),

    /**
     * OP Jovian: as Isthmus; blobGasUsed is the DA footprint.
     */
    JOVIAN(true, BlockHeader.PRAGUE_FIELDS);

    private final boolean op;
    private final int headerFieldCount;

    Fork(final boolean op, final int headerFieldCount)
    {
        this.op = op;
        this.headerFieldCount = headerFieldCount;
    }

    /**
     * Is this an OP Stack fork?
     *
     * @return true for Bedrock … Jovian.
     */
    public boolean isOp()
    {
        return op;
    }

    /**
     * Number of fields of the RLP header list.
     *
     * @return 16, 17, 20 or 21.
     */
    public int headerFieldCount()
    {
        return headerFieldCount;
    }

    /**
     * Does the header carry {@code withdrawalsRoot}?
     *
     * @return true from Shanghai / Canyon on.
     */
    public boolean hasWithdrawals()
    {
        return headerFieldCount >= BlockHeader.SHANGHAI_FIELDS;
    }

    /**
     * Does the header carry {@code blobGasUsed}, {@code excessBlobGas} and {@code parentBeaconBlockRoot}?
     *
     * @return true from Cancun / Ecotone on.
     */
    public boolean hasBlobGas()
    {
        return headerFieldCount >= BlockHeader.CANCUN_FIELDS;
    }

    /**
     * Does the header carry {@code requestsHash}?
     *
     * @return true from Prague / Isthmus on.
     */
    public boolean hasRequestsHash()
    {
        return headerFieldCount >= BlockHeader.PRAGUE_FIELDS;
    }

    /**
     * Is the header's {@code withdrawalsRoot} the payload's {@code withdrawalsRoot} rather than the trie root of the
     * payload's withdrawals?
     *
     * @return true for OP Isthmus and later.
     */
    public boolean withdrawalsRootFromPayload()
    {
        return op && headerFieldCount >= BlockHeader.PRAGUE_FIELDS;
    }

    /**
     * Does the header's {@code blobGasUsed} hold the block's data-availability footprint (OP Jovian)?
     *
     * @return true for Jovian.
     */
    public boolean blobGasUsedIsDaFootprint()
    {
        return this == JOVIAN;
    }
}
