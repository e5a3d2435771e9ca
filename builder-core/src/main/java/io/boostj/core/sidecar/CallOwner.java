package io.boostj.core.sidecar;

/**
 * Whoever issued a waited-for upstream call and wants to hear how it ended.
 */
interface CallOwner
{
    /**
     * The call ended: a reply arrived or its timer fired ({@link UpstreamReplyView#timedOut()}). The reply view is
     * valid only during this callback; copy what must be kept.
     *
     * @param request the per-request state given when the call was issued.
     * @param leg     the owner's tag for which of its calls this is.
     * @param callId  the call id.
     * @param reply   how it ended.
     */
    void onCallComplete(Object request, int leg, long callId, UpstreamReplyView reply);
}
