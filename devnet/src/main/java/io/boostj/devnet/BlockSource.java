package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Tells where a block of the local chain came from: the external builder signs a builder transaction into each of its
 * blocks (op-rbuilder's {@code --rollup.builder-secret-key}); L2 signs none. So a block holding a transaction from the
 * builder's address is the builder's, any other L2's. Not thread-safe.
 */
public final class BlockSource
{
    private final byte[] builderAddress;
    private final TransactionDecoder tx = new TransactionDecoder();
    private final SenderRecovery recovery = new SenderRecovery();
    private final UnsafeBuffer sender = new UnsafeBuffer(new byte[SenderRecovery.ADDRESS_LENGTH]);

    /**
     * @param builderAddress the 20-byte address of the builder's key.
     */
    public BlockSource(final byte[] builderAddress)
    {
        this.builderAddress = builderAddress.clone();
    }

    /**
     * @param executionPayload an execution payload (its {@code transactions} are read).
     * @return {@link LocalChainDevnet#SOURCE_BUILDER} or {@link LocalChainDevnet#SOURCE_L2}.
     */
    public synchronized String classify(final JsonNode executionPayload)
    {
        for (final JsonNode raw : executionPayload.path("transactions"))
        {
            final byte[] bytes = Hex.fromHexString(raw.asText());
            if (TransactionDecoder.OK == tx.tryWrap(new UnsafeBuffer(bytes), 0, bytes.length) && !tx.isDeposit() &&
                SenderRecovery.ADDRESS_LENGTH == recovery.tryRecoverSender(tx, sender, 0) &&
                Arrays.equals(builderAddress, sender.byteArray()))
            {
                return LocalChainDevnet.SOURCE_BUILDER;
            }
        }
        return LocalChainDevnet.SOURCE_L2;
    }
}
