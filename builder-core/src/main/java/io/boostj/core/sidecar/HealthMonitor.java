package io.boostj.core.sidecar;

import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;

/**
 * The sidecar's health (upstream {@code Probes}): starts HEALTHY, set by the request path and by the background
 * probe, last writer wins. A {@code HealthUpdate} command is emitted only when the value changes.
 */
final class HealthMonitor
{
    private final CommandProxy commands;
    private HealthCode health = HealthCode.HEALTHY;

    HealthMonitor(final CommandProxy commands)
    {
        this.commands = commands;
    }

    void set(final HealthCode newHealth, final HealthCause cause)
    {
        if (newHealth != health)
        {
            health = newHealth;
            commands.healthUpdate(newHealth, cause);
        }
    }

    HealthCode health()
    {
        return health;
    }

    /** Sets the health from a snapshot: the change was announced when it happened, so no command. */
    void restore(final HealthCode health)
    {
        this.health = health;
    }

    boolean isHealthy()
    {
        return HealthCode.HEALTHY == health;
    }

    /**
     * The {@code /healthz} HTTP status of a health code.
     *
     * @param health the code.
     * @return 200, 206 or 503.
     */
    static int httpStatus(final HealthCode health)
    {
        switch (health)
        {
            case HEALTHY: return 200;
            case PARTIAL_CONTENT: return 206;
            default: return 503;
        }
    }
}
