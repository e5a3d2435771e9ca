package io.boostj.replay;

import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalRecord;
import io.boostj.journal.JournalRecordHandler;
import io.boostj.sbe.EngineMethod;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code dump}: one line per record, filtered.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
        "Print journal records, one per line: index, time (ISO-8601 UTC), direction, message type, correlation id " +
        "and the decoded SBE message (hashes in hex, raw JSON as text truncated to 200 characters).",
        "With --format json, one JSON object per line.",
        "Exits 1 if the journal is damaged (after printing the readable records)." })
public final class DumpCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    JournalOptions journalOptions;

    @Option(names = "--from", paramLabel = "INDEX|TIME",
        description = "First record: an index (123 or 0x7b), epoch nanoseconds (1700000000000000000ns) or an " +
        "ISO-8601 time (2026-11-22T02:50:27.5Z). Inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "INDEX|TIME", description = "Last record, same forms as --from. Inclusive.")
    String to;

    @Option(names = "--direction", paramLabel = "in|out", description = "Only events (in) or commands (out).")
    String direction;

    @Option(names = "--method", paramLabel = "METHOD", split = ",",
        description = "Only these message types (GetPayloadRequest, Tick, ...) or Engine API methods " +
        "(engine_newPayloadV4, NEW_PAYLOAD_V4, eth_getBlockByNumber ...). Repeatable or comma-separated.")
    List<String> methods = new ArrayList<>();

    @Option(names = "--correlation-id", paramLabel = "N",
        description = "Only records of this requestId or callId (and the upstream calls made for request N).")
    Long correlationId;

    @Option(names = "--block", paramLabel = "N",
        description = "Only the records of block N's life (as timeline --block finds them). Not with --follow.")
    Long block;

    @Option(names = "--payload-id", paramLabel = "ID",
        description = "Only the records of the block built for this payload id (op-node's or the builder's). " +
        "Not with --follow.")
    String payloadId;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N records.")
    Long limit;

    @Option(names = "--follow", description = "Keep printing records as they are appended (like tail -f).")
    boolean follow;

    private final PrintStream out;
    private final PrintStream err;

    DumpCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final Options options;
        try
        {
            options = new Options(journalOptions.journalDir)
                .format(journalOptions.format)
                .from(from)
                .to(to)
                .direction(direction)
                .methods(methods)
                .correlationId(correlationId)
                .block(block, payloadId)
                .limit(null == limit ? Long.MAX_VALUE : limit)
                .follow(follow);
            if (follow && (null != block || null != payloadId))
            {
                throw new IllegalArgumentException("--block and --payload-id do not work with --follow");
            }
            final EngineMessages messages = new EngineMessages();
            for (final String method : methods)
            {
                messages.parseMethodFilter(method);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }

        return dump(out, err, options, () -> !Thread.currentThread().isInterrupted());
    }

    /**
     * What to dump.
     */
    public static final class Options
    {
        final File journalDir;
        OutputFormat format = OutputFormat.TEXT;
        Times.Bound from;
        Times.Bound to;
        byte direction = -1;
        final List<String> methods = new ArrayList<>();
        Long correlationId;
        Long block;
        String payloadId;
        long limit = Long.MAX_VALUE;
        boolean follow;

        /**
         * @param journalDir the journal directory.
         */
        public Options(final File journalDir)
        {
            this.journalDir = journalDir;
        }

        /**
         * @param format text or JSON.
         * @return this.
         */
        public Options format(final OutputFormat format)
        {
            this.format = format;
            return this;
        }

        /**
         * @param from first record (index or time, see {@code --from}), or null.
         * @return this.
         */
        public Options from(final String from)
        {
            this.from = null == from ? null : Times.parseBound(from);
            return this;
        }

        /**
         * @param to last record (index or time), or null.
         * @return this.
         */
        public Options to(final String to)
        {
            this.to = null == to ? null : Times.parseBound(to);
            return this;
        }

        /**
         * @param direction {@code in}, {@code out} or null for both.
         * @return this.
         */
        public Options direction(final String direction)
        {
            this.direction = null == direction ? -1 : Direction.parse(direction);
            return this;
        }

        /**
         * @param methods message types or Engine API methods; empty for all.
         * @return this.
         */
        public Options methods(final List<String> methods)
        {
            this.methods.clear();
            this.methods.addAll(methods);
            return this;
        }

        /**
         * @param correlationId requestId or callId, or null for all.
         * @return this.
         */
        public Options correlationId(final Long correlationId)
        {
            this.correlationId = correlationId;
            return this;
        }

        /**
         * @param block     only the records of this block's life, or null.
         * @param payloadId only the records of the block built for this payload id, or null.
         * @return this.
         * @throws IllegalArgumentException if both are given, or either with {@code --follow}, or a malformed id.
         */
        public Options block(final Long block, final String payloadId)
        {
            if (null != block && null != payloadId)
            {
                throw new IllegalArgumentException("--block and --payload-id exclude each other");
            }
            if (null != payloadId && !payloadId.matches("0x[0-9a-fA-F]{16}"))
            {
                throw new IllegalArgumentException("--payload-id must be 0x and 16 hex digits, got '" + payloadId +
                    "'");
            }
            this.block = block;
            this.payloadId = payloadId;
            return this;
        }

        /**
         * @param limit maximum number of records printed.
         * @return this.
         */
        public Options limit(final long limit)
        {
            this.limit = limit;
            return this;
        }

        /**
         * @param follow keep printing records as they are appended.
         * @return this.
         */
        public Options follow(final boolean follow)
        {
            this.follow = follow;
            return this;
        }
    }

    /**
     * Dump records.
     *
     * @param out         where records go.
     * @param err         where errors go.
     * @param options     what to dump.
     * @param keepRunning polled while following; return false to stop.
     * @return 0 on success, 1 if the journal is damaged or cannot be opened.
     */
    public static int dump(
        final PrintStream out, final PrintStream err, final Options options, final BooleanSupplier keepRunning)
    {
        final EngineMessages messages = new EngineMessages();
        final List<EngineMessages.MethodFilter> filters = new ArrayList<>();
        try
        {
            for (final String method : options.methods)
            {
                filters.add(messages.parseMethodFilter(method));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }

        try (Journal journal = ReplayTool.openReadOnly(err, options.journalDir);
            JournalReader reader = null == journal ? null : journal.newReader())
        {
            if (null == journal)
            {
                return 1;
            }
            final Printer printer = new Printer(out, options, filters, messages);
            position(reader, options);
            try
            {
                if (null != options.block || null != options.payloadId)
                {
                    final BlockTimeline timeline = null != options.block ?
                        BlockTimeline.forBlock(journal, options.block) :
                        BlockTimeline.forPayloadId(journal, options.payloadId);
                    if (null == timeline)
                    {
                        err.println("error: no " + (null != options.block ? "block " + options.block :
                            "payload id " + options.payloadId) + " in " + options.journalDir);
                        return 1;
                    }
                    for (final TimelineRecord r : timeline.events())
                    {
                        printer.onlyIndex(r.index());
                    }
                }
                return follow(out, err, reader, printer, options, keepRunning);
            }
            catch (final JournalCorruptException ex)
            {
                out.flush();
                err.println("error: " + ex.getMessage());
                return 1;
            }
        }
    }

    private static int follow(
        final PrintStream out,
        final PrintStream err,
        final JournalReader reader,
        final Printer printer,
        final Options options,
        final BooleanSupplier keepRunning)
    {
        long idleSinceNs = 0;
        long suspectIndex = Long.MIN_VALUE;
        long idleSleepNs = TimeUnit.MILLISECONDS.toNanos(1);
        while (!printer.isDone())
        {
            if (reader.poll(printer, 256) > 0)
            {
                idleSinceNs = 0;
                idleSleepNs = TimeUnit.MILLISECONDS.toNanos(1);
                continue;
            }
            out.flush();

            if (!options.follow)
            {
                if (reader.checkAtEnd())
                {
                    break;
                }
                continue;
            }
            if (!keepRunning.getAsBoolean())
            {
                break;
            }

            final long nowNs = System.nanoTime();
            if (0 == idleSinceNs)
            {
                idleSinceNs = nowNs;
            }
            else if (nowNs - idleSinceNs > TimeUnit.SECONDS.toNanos(1))
            {
                idleSinceNs = nowNs;
                try
                {
                    reader.checkAtEnd();
                    suspectIndex = Long.MIN_VALUE;
                }
                catch (final JournalCorruptException ex)
                {
                    if (suspectIndex == reader.nextIndex())
                    {
                        throw ex;
                    }
                    suspectIndex = reader.nextIndex();
                }
            }
            LockSupport.parkNanos(idleSleepNs);
            idleSleepNs = Math.min(idleSleepNs * 2, TimeUnit.MILLISECONDS.toNanos(100));
        }
        out.flush();

        return 0;
    }

    private static void position(final JournalReader reader, final Options options)
    {
        if (null != options.from && options.from.isIndex())
        {
            if (!reader.moveToIndex(options.from.value()))
            {
                reader.moveToStart();
            }
        }
        else
        {
            reader.moveToStart();
        }
    }

    private static final class Printer implements JournalRecordHandler
    {
        private final PrintStream out;
        private final Options options;
        private final List<EngineMessages.MethodFilter> filters;
        private final EngineMessages messages;
        private final StringBuilder line = new StringBuilder(512);
        private long printed;
        private boolean pastEnd;
        private LongHashSet onlyIndexes;

        Printer(
            final PrintStream out,
            final Options options,
            final List<EngineMessages.MethodFilter> filters,
            final EngineMessages messages)
        {
            this.out = out;
            this.options = options;
            this.filters = filters;
            this.messages = messages;
        }

        boolean isDone()
        {
            return pastEnd || printed >= options.limit;
        }

        public void onRecord(final JournalRecord record)
        {
            if (isDone())
            {
                return;
            }
            if (null != options.to && options.to.isIndex() && record.index() > options.to.value())
            {
                pastEnd = true;
                return;
            }
            if (!matches(record))
            {
                return;
            }

            final DirectBuffer buffer = record.buffer();
            final EngineMessages.Decoded decoded = messages.decode(buffer, record.bodyOffset(), record.bodyLength());
            line.setLength(0);
            if (OutputFormat.JSON == options.format)
            {
                line.append(new Json()
                    .field("index", record.index())
                    .field("time", Times.iso(record.recvTimeNs()))
                    .field("recvTimeNs", record.recvTimeNs())
                    .field("direction", Direction.name(record.direction()))
                    .field("type", decoded.name())
                    .field("correlationId", record.correlationId())
                    .field("schemaId", record.schemaId())
                    .field("templateId", record.templateId())
                    .field("version", record.version())
                    .field("bodyLength", record.bodyLength())
                    .raw("fields", Json.fields(decoded))
                    .end());
            }
            else
            {
                line.append(record.index()).append(' ')
                    .append(Times.iso(record.recvTimeNs())).append(' ')
                    .append(String.format("%-3s ", Direction.name(record.direction())))
                    .append(String.format("%-24s ", decoded.name()))
                    .append(record.correlationId()).append(' ')
                    .append(decoded.fieldsText());
            }
            out.println(line);
            printed++;
        }

        void onlyIndex(final long index)
        {
            if (null == onlyIndexes)
            {
                onlyIndexes = new LongHashSet();
            }
            onlyIndexes.add(index);
        }

        private boolean matches(final JournalRecord record)
        {
            if (null != onlyIndexes && !onlyIndexes.contains(record.index()))
            {
                return false;
            }
            if (null != options.from && !options.from.isIndex() && record.recvTimeNs() < options.from.value())
            {
                return false;
            }
            if (null != options.from && options.from.isIndex() && record.index() < options.from.value())
            {
                return false;
            }
            if (null != options.to && !options.to.isIndex() && record.recvTimeNs() > options.to.value())
            {
                return false;
            }
            if (options.direction >= 0 && options.direction != record.direction())
            {
                return false;
            }

            final DirectBuffer buffer = record.buffer();
            final int offset = record.bodyOffset();
            final int length = record.bodyLength();
            if (null != options.correlationId)
            {
                final long id = options.correlationId;
                if (id != record.correlationId() && id != messages.causeRequestId(buffer, offset, length))
                {
                    return false;
                }
            }
            if (!filters.isEmpty())
            {
                final String name = messages.templateName(record.schemaId(), record.templateId());
                final EngineMethod method = messages.method(buffer, offset, length);
                boolean any = false;
                for (final EngineMessages.MethodFilter filter : filters)
                {
                    if (name.equals(filter.templateName()) || (null != method && method == filter.method()))
                    {
                        any = true;
                        break;
                    }
                }
                return any;
            }
            return true;
        }
    }
}
