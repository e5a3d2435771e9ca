package io.boostj.core.sidecar;

import io.boostj.codecs.engine.PayloadIdCalculator;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.core.sidecar.RecordingSink.FlashblockDecision;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.FlashblockVerdict;
import io.boostj.sbe.Target;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.fcuParams;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.ofType;
import static io.boostj.core.sidecar.SidecarHarness.single;
import static io.boostj.core.sidecar.SidecarHarness.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flashblock round of reference §3.4, scenario by scenario (upstream's service tests).
 */
class FlashblockRoundTest
{
    private static final EngineMethod FCU = EngineMethod.FORKCHOICE_UPDATED_V3;
    private static final long OTHER_ID = 0x0a0a0a0a0a0a0a0aL;
    private static final long L2_ID = 0x0300000000000001L;

    private static SidecarHarness harness()
    {
        return new SidecarHarness(SidecarHarness.quiet().flashblocks(true));
    }

    /** The id the round expects: op-reth's payload id (version 4) of the harness's attributes. */
    static long expectedId(final byte[] head)
    {
        final byte[] params = fcuParams(head, true, false).getBytes(StandardCharsets.US_ASCII);
        final JsonScanner scanner = new JsonScanner();
        scanner.wrap(new UnsafeBuffer(params), 0, params.length);
        return new PayloadIdCalculator().computeAsLong(new UnsafeBuffer(head), 0, scanner, scanner.element(0, 1), 4);
    }

    static String fb(final long payloadId, final long index, final boolean base)
    {
        return "{\"payload_id\":\"0x" + String.format("%016x", payloadId) + "\",\"index\":" + index +
            (base ? ",\"base\":{}" : "") + ",\"diff\":{}}";
    }

    private static void send(final SidecarHarness h, final long payloadId, final long index)
    {
        h.flashblock(payloadId, index, 0 == index, fb(payloadId, index, 0 == index));
    }

    /** Sends the FCU with attributes and returns the builder's call id. */
    private static long fcu(final SidecarHarness h, final byte[] head)
    {
        h.fcu(head, true, false);
        final long builderCall = single(calls(h.newCommands()), to(Target.BUILDER, FCU)).callId();
        h.reply(builderCall - 1, Reply.fcuValid(L2_ID));
        h.newCommands();
        return builderCall;
    }

    private static List<FlashblockDecision> decisions(final SidecarHarness h)
    {
        return ofType(h.newCommands(), FlashblockDecision.class);
    }

    private static FlashblockDecision only(final SidecarHarness h)
    {
        final List<FlashblockDecision> d = decisions(h);
        assertEquals(1, d.size(), d.toString());
        return d.get(0);
    }

    @Test
    void shouldIgnoreFlashblocksBeforeAnyFcuWithAttributes()
    {
        final SidecarHarness h = harness();
        send(h, OTHER_ID, 0);
        final FlashblockDecision d = only(h);
        assertEquals(FlashblockVerdict.NO_ROUND, d.verdict());
        assertEquals("", d.json(), "never published");
    }

    @Test
    void shouldPublishFlashblocksOfTheExpectedIdEvenBeforeTheBuilderAnswers()
    {
        final SidecarHarness h = harness();
        final long expected = expectedId(hash(1));
        h.fcu(hash(1), true, false);
        h.newCommands();

        send(h, expected, 0);
        final FlashblockDecision d = only(h);
        assertEquals(FlashblockVerdict.PUBLISHED, d.verdict());
        assertEquals(fb(expected, 0, true), d.json());
        assertEquals(expected, d.roundPayloadId());
    }

    @Test
    void shouldBufferFlashblocksOfAnotherIdWhileTheFcuIsInFlightThenAdoptThemInIndexOrder()
    {
        final SidecarHarness h = harness();
        h.fcu(hash(1), true, false);
        final long builderCall = single(calls(h.newCommands()), to(Target.BUILDER, FCU)).callId();

        send(h, OTHER_ID, 1);
        send(h, OTHER_ID, 0);
        final List<FlashblockDecision> buffered = decisions(h);
        assertEquals(2, buffered.size());
        assertTrue(buffered.stream().allMatch(d -> FlashblockVerdict.BUFFERED == d.verdict() && d.json().isEmpty()));
        assertEquals(2, h.engine.flashblocksPending());

        h.reply(builderCall, Reply.fcuValid(OTHER_ID));
        final List<FlashblockDecision> adopted = decisions(h);
        assertEquals(2, adopted.size());
        assertEquals(FlashblockVerdict.ADOPTED, adopted.get(0).verdict());
        assertEquals(0, adopted.get(0).index());
        assertEquals(fb(OTHER_ID, 0, true), adopted.get(0).json());
        assertEquals(1, adopted.get(1).index());
        assertEquals(fb(OTHER_ID, 1, false), adopted.get(1).json());
        assertEquals(0, h.engine.flashblocksPending());
        assertEquals(2, h.engine.flashblocksAccepted());

        send(h, OTHER_ID, 2);
        assertEquals(FlashblockVerdict.PUBLISHED, only(h).verdict());
    }

    @Test
    void shouldDropTheBufferWhenTheBuilderConfirmsTheExpectedId()
    {
        final SidecarHarness h = harness();
        final long expected = expectedId(hash(1));
        h.fcu(hash(1), true, false);
        final long builderCall = single(calls(h.newCommands()), to(Target.BUILDER, FCU)).callId();
        send(h, OTHER_ID, 0);
        assertEquals(FlashblockVerdict.BUFFERED, only(h).verdict());

        h.reply(builderCall, Reply.fcuValid(expected));
        assertTrue(decisions(h).isEmpty(), "nothing adopted");
        assertEquals(0, h.engine.flashblocksPending());
    }

    @Test
    void shouldNotLetAMismatchedFlashblockClobberTheRound()
    {
        final SidecarHarness h = harness();
        final long expected = expectedId(hash(1));
        final long builderCall = fcu(h, hash(1));
        h.reply(builderCall, Reply.fcuValid(expected));
        send(h, expected, 0);
        assertEquals(FlashblockVerdict.PUBLISHED, only(h).verdict());

        send(h, OTHER_ID, 0);
        send(h, OTHER_ID, 1);
        final List<FlashblockDecision> refused = decisions(h);
        assertTrue(refused.stream().allMatch(d -> FlashblockVerdict.PAYLOAD_ID_MISMATCH == d.verdict()));
        assertEquals(1, h.engine.flashblocksAccepted());

        send(h, expected, 1);
        assertEquals(FlashblockVerdict.PUBLISHED, only(h).verdict());
    }

    @Test
    void shouldBoundTheBufferAt1024()
    {
        final SidecarHarness h = harness();
        h.fcu(hash(1), true, false);
        h.newCommands();
        for (int i = 0; i < FlashblockRound.MAX_PENDING_FLASHBLOCKS + 3; i++)
        {
            send(h, OTHER_ID, i);
        }
        final List<FlashblockDecision> d = decisions(h);
        assertEquals(1024, d.stream().filter(x -> FlashblockVerdict.BUFFERED == x.verdict()).count());
        assertEquals(3, d.stream().filter(x -> FlashblockVerdict.BUFFER_FULL == x.verdict()).count());
        assertEquals(1024, h.engine.flashblocksPending());
    }

    @Test
    void shouldNeverPublishGapsOrDuplicates()
    {
        final SidecarHarness h = harness();
        final long expected = expectedId(hash(1));
        h.reply(fcu(h, hash(1)), Reply.fcuValid(expected));

        send(h, expected, 0);
        send(h, expected, 0);
        send(h, expected, 2);
        send(h, expected, 1);
        send(h, expected, 1);
        send(h, expected, 2);
        final List<FlashblockDecision> d = decisions(h);
        assertEquals(
            List.of(FlashblockVerdict.PUBLISHED, FlashblockVerdict.INVALID_INDEX, FlashblockVerdict.INVALID_INDEX,
                FlashblockVerdict.PUBLISHED, FlashblockVerdict.INVALID_INDEX, FlashblockVerdict.PUBLISHED),
            d.stream().map(FlashblockDecision::verdict).toList());
        assertEquals(3, d.stream().filter(x -> !x.json().isEmpty()).count(), "only the published carry bytes");
    }

    @Test
    void shouldRequireTheBaseOnIndexZeroOnly()
    {
        final SidecarHarness h = harness();
        final long expected = expectedId(hash(1));
        h.reply(fcu(h, hash(1)), Reply.fcuValid(expected));

        h.flashblock(expected, 0, false, fb(expected, 0, false));
        assertEquals(FlashblockVerdict.MISSING_BASE, only(h).verdict());
        send(h, expected, 0);
        assertEquals(FlashblockVerdict.PUBLISHED, only(h).verdict());
        h.flashblock(expected, 1, true, fb(expected, 1, true));
        assertEquals(FlashblockVerdict.UNEXPECTED_BASE, only(h).verdict());
        send(h, expected, 1);
        assertEquals(FlashblockVerdict.PUBLISHED, only(h).verdict());
    }

    @Test
    void shouldKeepTheRoundAcrossAnFcuWithoutAttributes()
    {
        final SidecarHarness h = harness();
        final long expected = expectedId(hash(1));
        h.reply(fcu(h, hash(1)), Reply.fcuValid(expected));
        send(h, expected, 0);
        send(h, expected, 1);
        decisions(h);

        h.fcu(hash(2), false, false);
        h.newCommands();
        send(h, expected, 2);
        assertEquals(FlashblockVerdict.PUBLISHED, only(h).verdict());
        assertEquals(3, h.engine.flashblocksAccepted());
    }

    @Test
    void shouldResetTheBufferOnTheNextFcuWithAttributes()
    {
        final SidecarHarness h = harness();
        h.fcu(hash(1), true, false);
        h.newCommands();
        send(h, OTHER_ID, 0);
        assertEquals(FlashblockVerdict.BUFFERED, only(h).verdict());

        h.fcu(hash(2), true, false);
        final long secondBuilderCall = calls(h.newCommands()).stream()
            .filter(c -> Target.BUILDER == c.target()).reduce((a, b) -> b).orElseThrow().callId();
        assertEquals(0, h.engine.flashblocksPending());
        h.reply(secondBuilderCall, Reply.fcuValid(OTHER_ID));
        assertTrue(decisions(h).isEmpty(), "the first round's buffer is gone");
    }

    @Test
    void shouldDropTheBufferWhenTheBuilderFcuFails()
    {
        final SidecarHarness h = harness();
        h.fcu(hash(1), true, false);
        final long builderCall = single(calls(h.newCommands()), to(Target.BUILDER, FCU)).callId();
        send(h, OTHER_ID, 0);
        decisions(h);

        h.reply(builderCall, Reply.transportError("connection refused"));
        assertTrue(decisions(h).isEmpty());
        assertEquals(0, h.engine.flashblocksPending());
        send(h, OTHER_ID, 0);
        assertEquals(FlashblockVerdict.PAYLOAD_ID_MISMATCH, only(h).verdict());
    }

    @Test
    void shouldIgnoreFlashblocksWhenFlashblocksAreOff()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, false);
        h.newCommands();
        send(h, expectedId(hash(1)), 0);
        assertTrue(h.newCommands().isEmpty());
    }
}
