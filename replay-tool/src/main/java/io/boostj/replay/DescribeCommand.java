package io.boostj.replay;

import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalRecord;
import io.boostj.sbe.EngineConfigDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.File;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code describe}: what a journal holds.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
        "Describe a journal: directory, cycle files, index range, first and last record time, SBE schema ids and " +
        "versions seen, and record counts per message type and per direction.",
        "Exits 1 if the journal is damaged (after describing the readable part)." })
public final class DescribeCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions options;

    private final PrintStream out;
    private final PrintStream err;

    DescribeCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        return describe(out, err, options.journalDir, options.format);
    }

    /**
     * Describe the journal in {@code journalDir}.
     *
     * @param out        where the description goes.
     * @param err        where errors go.
     * @param journalDir the journal directory.
     * @param format     text or JSON.
     * @return 0 if the journal is intact, 1 if it is damaged or cannot be opened.
     */
    public static int describe(
        final PrintStream out, final PrintStream err, final File journalDir, final OutputFormat format)
    {
        final EngineMessages messages = new EngineMessages();
        final Stats stats = new Stats();
        try (Journal journal = ReplayTool.openReadOnly(err, journalDir))
        {
            if (null == journal)
            {
                return 1;
            }

            String damage = null;
            try (JournalReader reader = journal.newReader())
            {
                while (reader.poll(stats::onRecord, 1_024) > 0 || !reader.checkAtEnd())
                {
                    Thread.onSpinWait();
                }
            }
            catch (final JournalCorruptException ex)
            {
                damage = ex.getMessage();
            }

            if (OutputFormat.JSON == format)
            {
                out.println(json(journal, stats, messages, damage));
            }
            else
            {
                text(out, journal, stats, messages, damage);
            }
            if (null != damage)
            {
                err.println("error: " + damage);
                return 1;
            }
            return 0;
        }
    }

    private static void text(
        final PrintStream out,
        final Journal journal,
        final Stats stats,
        final EngineMessages messages,
        final String damage)
    {
        out.printf("journal        %s%n", journal.directory().getAbsolutePath());
        out.printf("roll cycle     %s%n", journal.rollCycleName());
        out.printf("cycle files    %d%n", journal.cycleFiles().size());
        for (final File file : journal.cycleFiles())
        {
            out.printf("  %-28s %,15d bytes%n", file.getName(), file.length());
        }
        out.printf("records        %d%n", stats.records);
        if (stats.records > 0)
        {
            out.printf("index range    %d .. %d (0x%x .. 0x%x)%n",
                stats.firstIndex, stats.lastIndex, stats.firstIndex, stats.lastIndex);
            out.printf("first time     %s%n", Times.iso(stats.firstTimeNs));
            out.printf("last time      %s%n", Times.iso(stats.lastTimeNs));
        }
        out.printf("engine starts  %d%n", stats.engineStarts);
        out.printf("directions     in %d, out %d%n", stats.in, stats.out);
        out.println("schemas");
        for (final Map.Entry<String, Long> entry : stats.schemas.entrySet())
        {
            out.printf("  %-28s %d%n", entry.getKey(), entry.getValue());
        }
        out.println("message types");
        for (final Map.Entry<Integer, Long> entry : stats.templates.entrySet())
        {
            final int schemaId = entry.getKey() >>> 16;
            final int templateId = entry.getKey() & 0xFFFF;
            out.printf("  %-28s %d%n", messages.templateName(schemaId, templateId), entry.getValue());
        }
        out.printf("status         %s%n", null == damage ? "OK" : "DAMAGED: " + damage);
    }

    private static String json(
        final Journal journal, final Stats stats, final EngineMessages messages, final String damage)
    {
        final StringBuilder files = new StringBuilder("[");
        for (final File file : journal.cycleFiles())
        {
            if (files.length() > 1)
            {
                files.append(',');
            }
            files.append(new Json().field("name", file.getName()).field("bytes", file.length()).end());
        }
        files.append(']');

        final Json schemas = new Json();
        for (final Map.Entry<String, Long> entry : stats.schemas.entrySet())
        {
            schemas.field(entry.getKey(), entry.getValue());
        }
        final Json templates = new Json();
        for (final Map.Entry<Integer, Long> entry : stats.templates.entrySet())
        {
            templates.field(messages.templateName(entry.getKey() >>> 16, entry.getKey() & 0xFFFF), entry.getValue());
        }

        final Json json = new Json()
            .field("journal", journal.directory().getAbsolutePath())
            .field("rollCycle", journal.rollCycleName())
            .raw("cycleFiles", files.toString())
            .field("records", stats.records);
        if (stats.records > 0)
        {
            json.field("firstIndex", stats.firstIndex)
                .field("lastIndex", stats.lastIndex)
                .field("firstTime", Times.iso(stats.firstTimeNs))
                .field("lastTime", Times.iso(stats.lastTimeNs))
                .field("firstRecvTimeNs", stats.firstTimeNs)
                .field("lastRecvTimeNs", stats.lastTimeNs);
        }

        return json.field("engineStarts", stats.engineStarts)
            .raw("directions", new Json().field("in", stats.in).field("out", stats.out).end())
            .raw("schemas", schemas.end())
            .raw("messageTypes", templates.end())
            .field("status", null == damage ? "OK" : "DAMAGED")
            .field("error", damage)
            .end();
    }

    private static final class Stats
    {
        long records;
        long firstIndex = -1;
        long lastIndex = -1;
        long firstTimeNs;
        long lastTimeNs;
        long in;
        long out;
        long engineStarts;
        final Map<String, Long> schemas = new TreeMap<>();
        final Map<Integer, Long> templates = new TreeMap<>();

        void onRecord(final JournalRecord record)
        {
            if (0 == records++)
            {
                firstIndex = record.index();
                firstTimeNs = record.recvTimeNs();
            }
            lastIndex = record.index();
            lastTimeNs = record.recvTimeNs();
            if (Direction.IN == record.direction())
            {
                in++;
            }
            else
            {
                out++;
            }
            if (MessageHeaderDecoder.SCHEMA_ID == record.schemaId() &&
                EngineConfigDecoder.TEMPLATE_ID == record.templateId() && Direction.IN == record.direction())
            {
                engineStarts++;
            }
            schemas.merge(record.schemaId() + " v" + record.version(), 1L, Long::sum);
            templates.merge((record.schemaId() << 16) | record.templateId(), 1L, Long::sum);
        }
    }
}
