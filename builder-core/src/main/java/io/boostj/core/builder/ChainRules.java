package io.boostj.core.builder;

/**
 * What the executor needs to know about the chain: its id, where fees go, and which gas rules apply.
 * <ul>
 *     <li>OP Stack: the base fee goes to the BaseFeeVault predeploy (0x4200…0019), the tip to the block's fee
 *     recipient (the SequencerFeeVault); deposits (0x7E) are accepted; blob transactions are not. The L1 data fee and
 *     the operator fee are zero: they are read from the L1Block predeploy's storage, written by the L1-info deposit's
 *     contract call, and this executor runs no contract code.</li>
 *     <li>Ethereum: the base fee is burned, no deposits.</li>
 * </ul>
 * EIP-7623's calldata floor applies from Prague (OP: Isthmus) when {@link #calldataFloor()} is set.
 */
public final class ChainRules
{
    /** The OP Stack BaseFeeVault predeploy. */
    public static final Address OP_BASE_FEE_VAULT = Address.parse("0x4200000000000000000000000000000000000019");

    private final long chainId;
    private final boolean opStack;
    private final boolean calldataFloor;

    private ChainRules(final long chainId, final boolean opStack, final boolean calldataFloor)
    {
        this.chainId = chainId;
        this.opStack = opStack;
        this.calldataFloor = calldataFloor;
    }

    /**
     * @param chainId the chain id.
     * @return OP Stack rules as of Isthmus (calldata floor on).
     */
    public static ChainRules opStack(final long chainId)
    {
        return new ChainRules(chainId, true, true);
    }

    /**
     * @param chainId       the chain id.
     * @param calldataFloor whether EIP-7623 applies (Prague).
     * @return Ethereum rules.
     */
    public static ChainRules ethereum(final long chainId, final boolean calldataFloor)
    {
        return new ChainRules(chainId, false, calldataFloor);
    }

    /** @return the chain id signed transactions must carry. */
    public long chainId()
    {
        return chainId;
    }

    /** @return whether OP Stack rules apply (deposits, fee vaults). */
    public boolean isOpStack()
    {
        return opStack;
    }

    /** @return whether EIP-7623's calldata floor applies. */
    public boolean calldataFloor()
    {
        return calldataFloor;
    }
}
