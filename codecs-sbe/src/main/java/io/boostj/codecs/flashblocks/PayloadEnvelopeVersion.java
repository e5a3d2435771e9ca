package io.boostj.codecs.flashblocks;

/**
 * The shape of the {@code engine_getPayloadV3/V4/V5} result that {@link FlashblockAssembler} writes (reference §2.3,
 * §2.4): V3 is {@code OpExecutionPayloadEnvelopeV3}; V4 and V5 (same OP envelope under the Osaka-era method name) add
 * {@code withdrawalsRoot} to the execution payload and {@code executionRequests: []} to the envelope.
 */
public enum PayloadEnvelopeVersion
{
    /**
     * {@code engine_getPayloadV3} (Ecotone, Holocene).
     */
    V3(false),

    /**
     * {@code engine_getPayloadV4} (Isthmus and later).
     */
    V4(true),

    /**
     * {@code engine_getPayloadV5}: the OP V4 envelope.
     */
    V5(true);

    private final boolean isIsthmus;

    PayloadEnvelopeVersion(final boolean isIsthmus)
    {
        this.isIsthmus = isIsthmus;
    }

    /**
     * Does this version carry {@code executionPayload.withdrawalsRoot} and {@code executionRequests}?
     *
     * @return true for V4 and V5.
     */
    public boolean hasWithdrawalsRoot()
    {
        return isIsthmus;
    }

    /**
     * The version rollup-boost's flashblock path would answer with when the method version is not known: V4 when the
     * last flashblock carries {@code withdrawals_root} (Isthmus), else V3.
     *
     * @param hasWithdrawalsRoot does the last diff carry {@code withdrawals_root}?
     * @return V4 or V3.
     */
    public static PayloadEnvelopeVersion forFlashblocks(final boolean hasWithdrawalsRoot)
    {
        return hasWithdrawalsRoot ? V4 : V3;
    }
}
