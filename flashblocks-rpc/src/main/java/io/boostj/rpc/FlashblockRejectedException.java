package io.boostj.rpc;

/**
 * A feed message that cannot be applied: not a flashblock, malformed, or carrying a transaction that does not decode
 * or whose sender does not recover. The message is dropped and counted; the sequence rules then clear pending state
 * at the next flashblock, because the one in between is missing.
 */
public final class FlashblockRejectedException extends Exception
{
    private static final long serialVersionUID = 1L;

    /** The reason label used in logs and the {@code rejected} counter. */
    private final String reason;

    /**
     * @param reason  short label (malformed_frame, invalid_flashblock, bad_metadata, bad_transaction).
     * @param message what was wrong.
     */
    public FlashblockRejectedException(final String reason, final String message)
    {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /** @return the short reason label. */
    public String reason()
    {
        return reason;
    }
}
