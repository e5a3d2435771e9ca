package io.boostj.replay;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalWriter;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ForkchoiceUpdatedRequestEncoder;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.HealthUpdateEncoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.TickEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayToolTest
{
    @TempDir
    File tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldVerifyAJournalRecordedFromALiveEngine()
    {
        final File dir = new File(tmp, "journal");
        final SidecarScenario scenario = record(dir, 42, -1);
        assertTrue(scenario.outRecords() > 100, "the scenario exercised the engine");

        final ReplayResult result = new JournalReplayer().replay(dir);
        assertNull(result.divergence(), () -> String.valueOf(result.divergence()));
        assertEquals(scenario.inRecords() - 2, result.events());
        assertEquals(scenario.outRecords(), result.commands());
        assertEquals(scenario.outRecords(), result.matchedCommands());
        assertEquals(2, result.engineStarts());

        assertEquals(0, ReplayTool.run(out, err, "verify", "--journal-dir", dir.getPath()));
        assertEquals("OK " + result.events() + " events, " + result.commands() + " commands\n", out());

        reset();
        assertEquals(0, ReplayTool.run(out, err, "verify", "--journal-dir", dir.getPath(), "--format", "json"));
        assertTrue(out().startsWith("{\"status\":\"OK\",\"events\":" + result.events()), out());
    }

    @Test
    void shouldReportTheFirstDivergenceOfATamperedJournal()
    {
        final File clean = new File(tmp, "clean");
        final long commands = record(clean, 7, -1).outRecords();
        final long tampered = commands / 2;
        final File dir = new File(tmp, "tampered");
        record(dir, 7, tampered);
        final long tamperedIndex = outRecordIndexes(dir).get((int)tampered);

        final ReplayResult result = new JournalReplayer().replay(dir);
        final Divergence divergence = result.divergence();
        assertNotNull(divergence);
        assertEquals(Divergence.Kind.COMMAND_MISMATCH, divergence.kind());
        assertEquals(tamperedIndex, divergence.index());
        assertEquals(divergence.expected().length - 1, divergence.firstDifferentByte());
        assertEquals(tampered, result.matchedCommands());

        assertEquals(1, VerifyCommand.verify(out, err, dir, OutputFormat.TEXT, false));
        final String text = out();
        assertTrue(text.startsWith("DIVERGED at index " + tamperedIndex + ": COMMAND_MISMATCH\n"), text);
        assertTrue(text.contains("\n  expected "), text);
        assertTrue(text.contains("\n  actual   "), text);

        reset();
        assertEquals(1, ReplayTool.run(out, err, "verify", "--journal-dir", dir.getPath(), "--format=json"));
        assertTrue(out().contains("\"kind\":\"COMMAND_MISMATCH\",\"index\":" + tamperedIndex), out());
    }

    @Test
    void shouldReportEventsBeforeAnyEngineConfig()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
            final int length = tick(buffer, 5);
            journal.newWriter().append(5, Direction.IN, buffer, 0, length);
        }

        final ReplayResult result = new JournalReplayer().replay(dir);
        assertEquals(Divergence.Kind.RECORD_BEFORE_CONFIG, result.divergence().kind());
        assertEquals(1, ReplayTool.run(out, err, "verify", "--journal-dir", dir.getPath()));
        assertTrue(out().contains("RECORD_BEFORE_CONFIG"), out());
    }

    @Test
    void shouldReportACommandTheReplayDidNotProduce()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
            final JournalWriter writer = journal.newWriter();
            final int configLength = SidecarScenario.config().healthCheckIntervalMs(0)
                .encode(buffer, 0, SidecarScenario.T0_NS);
            final long configIndex = writer.append(SidecarScenario.T0_NS, Direction.IN, buffer, 0, configLength);
            writer.append(SidecarScenario.T0_NS, Direction.IN, buffer, 0, tick(buffer, SidecarScenario.T0_NS));
            final HealthUpdateEncoder health = new HealthUpdateEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .health(HealthCode.PARTIAL_CONTENT)
                .cause(HealthCause.PROBE);
            final long healthIndex = writer.append(SidecarScenario.T0_NS, Direction.OUT, buffer, 0,
                MessageHeaderEncoder.ENCODED_LENGTH + health.encodedLength());
            assertTrue(healthIndex > configIndex);

            final ReplayResult result = new JournalReplayer().replay(journal);
            assertEquals(Divergence.Kind.MISSING_COMMAND, result.divergence().kind());
            assertEquals(healthIndex, result.divergence().index());
        }
    }

    @Test
    void shouldCountOrRejectCommandsThatWereNeverJournaled()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
            final JournalWriter writer = journal.newWriter();
            final int configLength = SidecarScenario.config().encode(buffer, 0, SidecarScenario.T0_NS);
            writer.append(SidecarScenario.T0_NS, Direction.IN, buffer, 0, configLength);
            final long fcuIndex = writer.append(SidecarScenario.T0_NS, Direction.IN, buffer, 0, fcu(buffer));

            final ReplayResult lenient = new JournalReplayer().replay(journal);
            assertNull(lenient.divergence());
            assertTrue(lenient.commands() > 0);
            assertEquals(lenient.commands(), lenient.unjournaledCommands());

            final ReplayResult strict = new JournalReplayer(true).replay(journal);
            assertEquals(Divergence.Kind.EXTRA_COMMAND, strict.divergence().kind());
            assertEquals(fcuIndex, strict.divergence().index());
        }

        assertEquals(0, ReplayTool.run(out, err, "verify", "--journal-dir", dir.getPath()));
        assertTrue(out().contains("note: "), out());
        reset();
        assertEquals(1, ReplayTool.run(out, err, "verify", "--journal-dir", dir.getPath(), "--strict"));
    }

    @Test
    void shouldDescribeAJournal()
    {
        final File dir = new File(tmp, "journal");
        final SidecarScenario scenario = record(dir, 3, -1);
        final long total = scenario.inRecords() + scenario.outRecords();

        assertEquals(0, DescribeCommand.describe(out, err, dir, OutputFormat.TEXT));
        final String text = out();
        assertTrue(text.contains("records        " + total + "\n"), text);
        assertTrue(text.contains("engine starts  2\n"), text);
        assertTrue(text.contains("directions     in " + scenario.inRecords() + ", out " + scenario.outRecords()), text);
        assertTrue(text.contains("  7001 v" + io.boostj.sbe.MessageHeaderEncoder.SCHEMA_VERSION), text);
        assertTrue(text.contains("  ForkchoiceUpdatedRequest"), text);
        assertTrue(text.contains("  EngineConfig                 2\n"), text);
        assertTrue(text.contains("roll cycle     FAST_HOURLY\n"), text);
        assertTrue(text.contains("status         OK\n"), text);

        reset();
        assertEquals(0, ReplayTool.run(out, err, "describe", "--journal-dir", dir.getPath(), "--format", "JSON"));
        final String json = out();
        assertTrue(json.contains("\"records\":" + total + ","), json);
        assertTrue(json.contains("\"directions\":{\"in\":" + scenario.inRecords() + ",\"out\":" +
            scenario.outRecords() + "}"), json);
        assertTrue(json.contains("\"EngineConfig\":2"), json);
        assertTrue(json.contains("\"status\":\"OK\""), json);
    }

    @Test
    void shouldDumpWithFilters()
    {
        final File dir = new File(tmp, "journal");
        final SidecarScenario scenario = record(dir, 5, -1);

        assertEquals(0, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath()));
        final List<String> all = lines();
        assertEquals(scenario.inRecords() + scenario.outRecords(), all.size());
        final String first = all.get(0);
        assertTrue(
            first.matches("\\d+ \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z in  EngineConfig +0 .*"), first);

        reset();
        ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--direction", "out");
        assertEquals(scenario.outRecords(), lines().size());
        assertTrue(lines().stream().allMatch((line) -> line.contains(" out ")));

        reset();
        ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--limit", "5");
        assertEquals(5, lines().size());

        reset();
        ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--method", "engine_forkchoiceUpdatedV3");
        final List<String> fcu = lines();
        assertTrue(fcu.size() > 0);
        assertTrue(fcu.stream().allMatch((line) ->
            line.contains("ForkchoiceUpdatedRequest") || line.contains("method=FORKCHOICE_UPDATED_V3")), fcu::toString);
        final String request = fcu.stream().filter((line) -> line.contains(" ForkchoiceUpdatedRequest ")).findFirst()
            .orElseThrow();
        assertTrue(request.contains("|headBlockHash=0xab"), request);
        assertTrue(request.contains("|rawParams=[{\"headBlockHash\":\"0xab"), request);

        final String reply = all.stream().filter((line) -> line.contains(" RpcReply ")).findFirst().orElseThrow();
        final String requestId = reply.split("\\s+")[4];
        reset();
        ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--correlation-id", requestId);
        final List<String> story = lines();
        assertTrue(story.contains(reply), story::toString);
        assertTrue(
            story.stream().anyMatch((line) -> line.contains(" in ") && line.contains("Request ")), story::toString);
        assertTrue(story.stream().allMatch((line) -> requestId.equals(line.split("\\s+")[4]) ||
            line.contains("|causeRequestId=" + requestId + "|")), story::toString);

        final long fromIndex = Long.parseLong(all.get(10).split("\\s+")[0]);
        final long toIndex = Long.parseLong(all.get(14).split("\\s+")[0]);
        reset();
        ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--from", Long.toString(fromIndex),
            "--to", "0x" + Long.toHexString(toIndex));
        assertEquals(all.subList(10, 15), lines());

        final String fromTime = all.get(20).split("\\s+")[1];
        reset();
        ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--from", fromTime, "--limit", "1");
        assertEquals(fromTime, lines().get(0).split("\\s+")[1]);

        reset();
        ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--format", "json", "--limit", "3");
        final List<String> json = lines();
        assertEquals(3, json.size());
        assertTrue(json.get(0).startsWith("{\"index\":" + all.get(0).split("\\s+")[0] + ",\"time\":\""), json.get(0));
        assertTrue(json.get(0).contains("\"direction\":\"in\",\"type\":\"EngineConfig\""), json.get(0));
        assertTrue(json.get(0).contains("\"fields\":{\"recvTimeNs\":"), json.get(0));
    }

    @Test
    void shouldFollowAJournalBeingWritten() throws Exception
    {
        final File dir = new File(tmp, "journal");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final JournalWriter writer = journal.newWriter();
            writer.append(1, Direction.IN, buffer, 0, tick(buffer, 1));

            final AtomicBoolean running = new AtomicBoolean(true);
            final int[] exitCode = { -1 };
            final Thread follower = new Thread(() -> exitCode[0] = DumpCommand.dump(
                out, err, new DumpCommand.Options(dir).follow(true), running::get));
            follower.start();

            awaitLines(1);
            writer.append(2, Direction.IN, buffer, 0, tick(buffer, 2));
            writer.append(3, Direction.IN, buffer, 0, tick(buffer, 3));
            awaitLines(3);

            running.set(false);
            follower.join(10_000);
            assertEquals(0, exitCode[0]);
            assertEquals(3, lines().size());
            assertTrue(lines().get(2).contains(" Tick "), lines().get(2));
        }
    }

    @Test
    void shouldReportADamagedJournal() throws Exception
    {
        final File dir = new File(tmp, "journal");
        record(dir, 9, -1);
        final List<Long> positions = new ArrayList<>();
        final List<File> files = new ArrayList<>();
        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true));
            JournalReader reader = journal.newReader())
        {
            reader.poll((record) ->
            {
                positions.add(record.position());
                files.add(journal.cycleFile(journal.cycle(record.index())));
            }, 1_000_000);
        }
        final int damaged = positions.size() / 2;
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(files.get(damaged), "rw"))
        {
            raf.seek(positions.get(damaged));
            raf.writeInt(0);
        }

        assertEquals(1, ReplayTool.run(out, err, "describe", "--journal-dir", dir.getPath()));
        assertTrue(out().contains("records        " + damaged + "\n"), out());
        assertTrue(err().contains(files.get(damaged).getPath()), err());
        assertTrue(err().contains("position " + positions.get(damaged)), err());

        reset();
        assertEquals(1, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath()));
        assertEquals(damaged, lines().size());
        assertTrue(err().contains("position " + positions.get(damaged)), err());

        reset();
        assertEquals(1, ReplayTool.run(out, err, "verify", "--journal-dir", dir.getPath()));
        assertTrue(err().contains("corrupt journal"), err());
    }

    @Test
    void shouldPrintHelpAndRejectBadUsage()
    {
        for (final String command : new String[] { "describe", "dump", "verify" })
        {
            reset();
            assertEquals(0, ReplayTool.run(out, err, command, "--help"));
            assertTrue(out().contains("--journal-dir=DIR"), out());
            assertTrue(out().contains("--format=FORMAT"), out());
        }
        assertTrue(out().contains("--strict"), out());

        reset();
        assertEquals(0, ReplayTool.run(out, err, "--help"));
        assertTrue(out().contains("describe") && out().contains("dump") && out().contains("verify"), out());

        reset();
        assertEquals(2, ReplayTool.run(out, err));
        assertEquals(1, ReplayTool.run(out, err, "dump"), "defaults to ./data/journal, missing here");
        assertEquals(2, ReplayTool.run(out, err, "dump", "--journal-dir", tmp.getPath(), "--bogus"));
        assertEquals(2, ReplayTool.run(out, err, "dump", "--journal-dir", tmp.getPath(), "--method", "engine_nope"));
        assertEquals(2, ReplayTool.run(out, err, "dump", "--journal-dir", tmp.getPath(), "--from", "yesterday"));

        reset();
        assertEquals(1, ReplayTool.run(out, err, "describe", "--journal-dir", new File(tmp, "missing").getPath()));
        assertTrue(err().contains("journal directory does not exist"), err());
    }

    private SidecarScenario record(final File dir, final long seed, final long tamperOutRecord)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, seed).tamperOutRecord(tamperOutRecord);
            scenario.start(SidecarScenario.config());
            scenario.run(400);
            scenario.start(
                SidecarScenario.config().executionMode(ExecutionModeCode.DRY_RUN).selectionPolicyGasUsed(true));
            scenario.run(300);
            scenario.finish();
            return scenario;
        }
    }

    private static List<Long> outRecordIndexes(final File dir)
    {
        final List<Long> indexes = new ArrayList<>();
        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true));
            JournalReader reader = journal.newReader())
        {
            while (reader.poll((record) ->
            {
                if (Direction.OUT == record.direction())
                {
                    indexes.add(record.index());
                }
            }, 1_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return indexes;
    }

    private static int tick(final ExpandableArrayBuffer buffer, final long recvTimeNs)
    {
        final TickEncoder tick = new TickEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .recvTimeNs(recvTimeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
    }

    private static int fcu(final ExpandableArrayBuffer buffer)
    {
        final byte[] hash = SidecarScenario.hash(1);
        final byte[] params = ("[{\"headBlockHash\":\"0xab\"},null]").getBytes(StandardCharsets.UTF_8);
        final ForkchoiceUpdatedRequestEncoder e = new ForkchoiceUpdatedRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .requestId(1)
            .recvTimeNs(SidecarScenario.T0_NS)
            .putHeadBlockHash(hash, 0, 32)
            .putSafeBlockHash(hash, 0, 32)
            .putFinalizedBlockHash(hash, 0, 32)
            .hasAttributes(BooleanType.FALSE)
            .noTxPool(BooleanType.FALSE)
            .timestamp(1)
            .putRpcId(new byte[] { '1' }, 0, 1)
            .putRawParams(params, 0, params.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private void awaitLines(final int count) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (lines().size() < count && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(10);
        }
        assertEquals(count, lines().size(), this::out);
    }

    private void reset()
    {
        outBytes.reset();
        errBytes.reset();
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines()
    {
        final String text = out();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
