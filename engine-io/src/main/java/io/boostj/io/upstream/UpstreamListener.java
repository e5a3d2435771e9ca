package io.boostj.io.upstream;

import io.netty.handler.codec.http.FullHttpResponse;

/**
 * The end of one upstream call, on the client's event loop thread.
 */
public interface UpstreamListener
{
    /**
     * @param attachment what the caller passed with the request.
     * @param response   the complete response; released by the client after the call returns.
     * @param latencyNs  send to receive.
     */
    void onResponse(long attachment, FullHttpResponse response, long latencyNs);

    /**
     * @param attachment what the caller passed with the request.
     * @param reason     connection refused, reset, timed out...
     * @param latencyNs  send to failure.
     */
    void onFailure(long attachment, String reason, long latencyNs);
}
