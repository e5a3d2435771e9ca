package io.boostj.io.runtime;

import io.boostj.sbe.HealthCode;

/**
 * The health the engine last decided, as an HTTP status for {@code /healthz}: written by the egress thread, read by
 * Netty threads.
 */
public final class HealthState
{
    private volatile int httpStatus = 200;

    /**
     * @return 200, 206 or 503.
     */
    public int httpStatus()
    {
        return httpStatus;
    }

    /**
     * @param code the engine's health code.
     * @return the HTTP status it maps to.
     */
    public static int toHttpStatus(final HealthCode code)
    {
        switch (code)
        {
            case HEALTHY:
                return 200;
            case PARTIAL_CONTENT:
                return 206;
            default:
                return 503;
        }
    }

    /**
     * @param code the engine's new health.
     * @return the HTTP status now served.
     */
    public int set(final HealthCode code)
    {
        httpStatus = toHttpStatus(code);
        return httpStatus;
    }
}
