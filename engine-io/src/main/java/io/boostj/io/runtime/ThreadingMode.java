package io.boostj.io.runtime;

import java.util.Locale;

/**
 * Where the engine, the journal and egress run.
 */
public enum ThreadingMode
{
    /**
     * On the Netty event loop that owns the sidecar: the rings are polled by the loop, events are journaled inline
     * before the engine sees them, commands are carried out as soon as they are emitted. No thread wake-up between
     * stages, the best latency when cores are few (the default).
     */
    SHARED,

    /**
     * A thread each for the engine, the journal and egress, waiting with {@code --wait-strategy}: journaling runs in
     * parallel with the engine. For machines with a core per stage and a busy-spin wait strategy.
     */
    DEDICATED;

    /**
     * @param name shared or dedicated, case-insensitive.
     * @return the mode.
     * @throws IllegalArgumentException for anything else.
     */
    public static ThreadingMode parse(final String name)
    {
        switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case "shared":
                return SHARED;
            case "dedicated":
                return DEDICATED;
            default:
                throw new IllegalArgumentException("--threading-mode: '" + name + "' is not shared or dedicated");
        }
    }
}
