package io.boostj.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Configuration of a {@link Journal}, in the style of an Aeron {@code Context}: fluent setters, then
 * {@link #conclude()} validates everything once and resolves derived values. {@link Journal#open(JournalContext)}
 * concludes the context if the caller has not.
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #directory(File)}</td><td>required</td><td>the queue directory (created if missing unless
 *       read-only)</td></tr>
 *   <tr><td>{@link #rollCycle(String)}</td><td>{@value #ROLL_CYCLE_DEFAULT}</td><td>a Chronicle roll cycle name:
 *       {@code FIVE_MINUTELY}, {@code FAST_HOURLY}, {@code FAST_DAILY}, {@code HOURLY}, {@code DAILY},
 *       {@code LARGE_DAILY} ... (case-insensitive; {@code TEST_*} cycles are for tests)</td></tr>
 *   <tr><td>{@link #retentionCycles(int)}</td><td>{@value #RETENTION_CYCLES_DEFAULT}</td><td>cycle files to keep,
 *       the current one included; older files are deleted shortly after the writer rolls (and after it first opens a
 *       cycle), on Chronicle's background thread. 0 keeps everything. Ignored when read-only.</td></tr>
 *   <tr><td>{@link #readOnly(boolean)}</td><td>false</td><td>open for reading only (tools); never creates or
 *       deletes files</td></tr>
 *   <tr><td>{@link #syncMode(JournalSyncMode)}</td><td>{@code ASYNC}</td><td>msync policy, see
 *       {@link JournalSyncMode} and {@link Journal}</td></tr>
 *   <tr><td>{@link #blockSizeBytes(long)}</td><td>0 (Chronicle's default)</td><td>mapping chunk size of a cycle
 *       file; a record must fit in a quarter of it</td></tr>
 *   <tr><td>{@link #epochClock(EpochClock)}</td><td>system clock</td><td>wall clock that decides the current cycle
 *       (tests roll with it)</td></tr>
 * </table>
 */
public final class JournalContext implements Cloneable
{
    /**
     * Default roll cycle name.
     */
    public static final String ROLL_CYCLE_DEFAULT = "FAST_HOURLY";

    /**
     * Default retention: keep every cycle file.
     */
    public static final int RETENTION_CYCLES_DEFAULT = 0;

    /**
     * Default sync mode.
     */
    public static final JournalSyncMode SYNC_MODE_DEFAULT = JournalSyncMode.ASYNC;

    private boolean isConcluded;
    private File directory;
    private String rollCycleName = ROLL_CYCLE_DEFAULT;
    private RollCycle rollCycle;
    private int retentionCycles = RETENTION_CYCLES_DEFAULT;
    private boolean readOnly;
    private JournalSyncMode syncMode = SYNC_MODE_DEFAULT;
    private long blockSizeBytes;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;

    /**
     * Validate and resolve the configuration. May be called once.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException if already concluded.
     * @throws IllegalArgumentException if an option is invalid.
     */
    public JournalContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("JournalContext already concluded");
        }

        if (null == directory)
        {
            throw new IllegalArgumentException("journal directory is required");
        }
        if (readOnly && !directory.isDirectory())
        {
            throw new IllegalArgumentException("journal directory does not exist: " + directory);
        }
        if (!readOnly && directory.exists() && !directory.isDirectory())
        {
            throw new IllegalArgumentException("journal directory is a file: " + directory);
        }
        if (retentionCycles < 0)
        {
            throw new IllegalArgumentException("journal retention must be >= 0 cycles: " + retentionCycles);
        }
        if (blockSizeBytes < 0)
        {
            throw new IllegalArgumentException("journal block size must be >= 0: " + blockSizeBytes);
        }
        if (null == syncMode)
        {
            throw new IllegalArgumentException("journal sync mode is required");
        }
        if (null == epochClock)
        {
            throw new IllegalArgumentException("journal epoch clock is required");
        }
        rollCycle = resolveRollCycle(rollCycleName);
        isConcluded = true;

        return this;
    }

    /**
     * Has {@link #conclude()} run?
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return isConcluded;
    }

    /**
     * Resolve a roll cycle name to a Chronicle roll cycle.
     *
     * @param name case-insensitive name such as {@code FAST_HOURLY}, {@code HOURLY}, {@code DAILY}.
     * @return the roll cycle.
     * @throws IllegalArgumentException with the list of valid names if unknown.
     */
    public static RollCycle resolveRollCycle(final String name)
    {
        if (null == name || name.isBlank())
        {
            throw new IllegalArgumentException("journal roll cycle is required");
        }

        final String upper = name.trim().toUpperCase(Locale.ROOT);
        for (final RollCycle rollCycle : allRollCycles())
        {
            if (((Enum<?>)rollCycle).name().equals(upper))
            {
                return rollCycle;
            }
        }

        throw new IllegalArgumentException("unknown journal roll cycle '" + name + "', one of " + rollCycleNames());
    }

    /**
     * Names accepted by {@link #rollCycle(String)}.
     *
     * @return the names, Chronicle's standard cycles first.
     */
    public static List<String> rollCycleNames()
    {
        final List<String> names = new ArrayList<>();
        for (final RollCycle rollCycle : allRollCycles())
        {
            names.add(((Enum<?>)rollCycle).name());
        }

        return names;
    }

    private static List<RollCycle> allRollCycles()
    {
        final List<RollCycle> all = new ArrayList<>(List.of(RollCycles.values()));
        all.addAll(List.of(LegacyRollCycles.values()));
        all.addAll(List.of(LargeRollCycles.values()));
        all.addAll(List.of(SparseRollCycles.values()));
        all.addAll(List.of(TestRollCycles.values()));

        return all;
    }

    /**
     * @param directory of the queue.
     * @return this for a fluent API.
     */
    public JournalContext directory(final File directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * @return the queue directory.
     */
    public File directory()
    {
        return directory;
    }

    /**
     * @param rollCycleName Chronicle roll cycle name, see {@link #rollCycleNames()}.
     * @return this for a fluent API.
     */
    public JournalContext rollCycle(final String rollCycleName)
    {
        this.rollCycleName = rollCycleName;
        return this;
    }

    /**
     * @return the configured roll cycle name.
     */
    public String rollCycleName()
    {
        return rollCycleName;
    }

    /**
     * @return the resolved roll cycle, null until concluded.
     */
    RollCycle resolvedRollCycle()
    {
        return rollCycle;
    }

    /**
     * @param retentionCycles number of cycle files to keep, the current one included; 0 keeps all.
     * @return this for a fluent API.
     */
    public JournalContext retentionCycles(final int retentionCycles)
    {
        this.retentionCycles = retentionCycles;
        return this;
    }

    /**
     * @return number of cycle files to keep; 0 keeps all.
     */
    public int retentionCycles()
    {
        return retentionCycles;
    }

    /**
     * @param readOnly true to open for reading only.
     * @return this for a fluent API.
     */
    public JournalContext readOnly(final boolean readOnly)
    {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * @return true if read-only.
     */
    public boolean readOnly()
    {
        return readOnly;
    }

    /**
     * @param syncMode msync policy.
     * @return this for a fluent API.
     */
    public JournalContext syncMode(final JournalSyncMode syncMode)
    {
        this.syncMode = syncMode;
        return this;
    }

    /**
     * @return the msync policy.
     */
    public JournalSyncMode syncMode()
    {
        return syncMode;
    }

    /**
     * @param blockSizeBytes Chronicle block (mapping chunk) size, 0 for Chronicle's default.
     * @return this for a fluent API.
     */
    public JournalContext blockSizeBytes(final long blockSizeBytes)
    {
        this.blockSizeBytes = blockSizeBytes;
        return this;
    }

    /**
     * @return the block size, 0 for Chronicle's default.
     */
    public long blockSizeBytes()
    {
        return blockSizeBytes;
    }

    /**
     * @param epochClock wall clock that decides the current cycle.
     * @return this for a fluent API.
     */
    public JournalContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /**
     * @return the wall clock that decides the current cycle.
     */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * A copy that is not concluded, for opening the same journal again.
     *
     * @return a fresh copy of the options.
     */
    public JournalContext copy()
    {
        try
        {
            final JournalContext copy = (JournalContext)super.clone();
            copy.isConcluded = false;
            copy.rollCycle = null;
            return copy;
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The resolved configuration, one {@code key=value} per option, for printing at start.
     *
     * @return the configuration.
     */
    public String toString()
    {
        return "JournalContext{" +
            "directory=" + directory +
            ", rollCycle=" + rollCycleName +
            ", retentionCycles=" + retentionCycles +
            ", readOnly=" + readOnly +
            ", syncMode=" + syncMode +
            ", blockSizeBytes=" + blockSizeBytes +
            '}';
    }
}
