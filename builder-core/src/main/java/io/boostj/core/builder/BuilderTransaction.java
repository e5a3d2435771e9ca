package io.boostj.core.builder;

import io.boostj.codecs.eth.TransactionSigner;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * op-rbuilder's builder transaction ({@code --rollup.builder-secret-key}): one 0-value EIP-1559 transfer from the
 * builder's account to itself with data {@code "Block Number: N"}, placed right after the forced transactions, so
 * anyone reading the chain can tell a block this builder built. It pays the block's base fee and no tip; the account
 * must be funded.
 */
public final class BuilderTransaction
{
    private final TransactionSigner signer;
    private final Address address;
    private final boolean calldataFloor;
    private final long chainId;

    /**
     * @param secretKey 32-byte private key of the builder's account.
     * @param rules     the chain's rules (chain id, calldata floor).
     */
    public BuilderTransaction(final byte[] secretKey, final ChainRules rules)
    {
        this.signer = new TransactionSigner(secretKey);
        this.address = Address.of(signer.address());
        this.calldataFloor = rules.calldataFloor();
        this.chainId = rules.chainId();
    }

    /** @return the builder's account. */
    public Address address()
    {
        return address;
    }

    /**
     * @param blockNumber the block being built.
     * @param nonce       the builder account's nonce after the forced transactions.
     * @param baseFee     the block's base fee per gas.
     * @return the signed raw transaction.
     */
    public byte[] sign(final long blockNumber, final long nonce, final BigInteger baseFee)
    {
        final byte[] data = ("Block Number: " + blockNumber).getBytes(StandardCharsets.US_ASCII);
        return signer.signDynamicFee(chainId, nonce, BigInteger.ZERO, baseFee,
            TransferExecutor.transferGas(data, calldataFloor), address.toBytes(), BigInteger.ZERO, data);
    }
}
