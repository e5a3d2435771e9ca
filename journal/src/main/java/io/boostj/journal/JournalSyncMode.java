package io.boostj.journal;

import net.openhft.chronicle.bytes.SyncMode;

import java.util.Locale;

/**
 * How the journal asks the OS to write mapped pages to the device ({@code msync(2)}). Chronicle applies the mode when
 * it unmaps a chunk of a cycle file (on roll, on close, and as the writer moves through a file) and whenever
 * {@link JournalWriter#sync()} is called. Between those points, records live in the page cache only.
 * See {@link Journal} for the durability policy.
 */
public enum JournalSyncMode
{
    /**
     * Never call {@code msync}: the kernel writes dirty pages back on its own schedule
     * ({@code vm.dirty_expire_centisecs}, 30 s by default). Fastest; a power loss may lose the last ~30 s.
     */
    NONE(SyncMode.NONE),

    /**
     * {@code msync(MS_ASYNC)}: schedule write-back without waiting (Chronicle's default). On Linux this is close to
     * {@link #NONE}; {@link JournalWriter#sync()} returns at once and guarantees nothing against power loss.
     */
    ASYNC(SyncMode.ASYNC),

    /**
     * {@code msync(MS_SYNC)}: block until the pages reach the device. Combined with {@link JournalWriter#sync()}
     * after a batch, every record appended before the call survives a power loss; costs a device flush per call.
     */
    SYNC(SyncMode.SYNC);

    private final SyncMode chronicleMode;

    JournalSyncMode(final SyncMode chronicleMode)
    {
        this.chronicleMode = chronicleMode;
    }

    SyncMode chronicleMode()
    {
        return chronicleMode;
    }

    /**
     * Parse a command-line value.
     *
     * @param name {@code none}, {@code async} or {@code sync}, case-insensitive.
     * @return the mode.
     * @throws IllegalArgumentException naming the valid values if the name is not one of them.
     */
    public static JournalSyncMode parse(final String name)
    {
        if (null != name)
        {
            for (final JournalSyncMode mode : values())
            {
                if (mode.name().equals(name.trim().toUpperCase(Locale.ROOT)))
                {
                    return mode;
                }
            }
        }

        throw new IllegalArgumentException("unknown journal sync mode '" + name + "', one of none, async, sync");
    }
}
