package io.boostj.rpc;

/**
 * Told of every change of pending state, on the processor's thread: must not block.
 */
public interface PendingStateListener
{
    /**
     * @param state the state now published.
     * @param block the block the flashblock extended or started.
     * @param fb    the flashblock just applied.
     */
    void onFlashblockApplied(PendingState state, PendingBlock block, DecodedFlashblock fb);

    /**
     * @param reason why pending state was dropped (gap, foreign block, reorg, catch-up...).
     */
    default void onCleared(final String reason)
    {
    }
}
