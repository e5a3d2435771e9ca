package io.boostj.io.runtime;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.sbe.FlashblockDecisionDecoder;
import io.boostj.sbe.FlashblockReceivedDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineWarmupTest
{
    @Test
    void shouldDriveWholeRoundsThroughTheScratchEngine()
    {
        final long events = new EngineWarmup().run(10);
        assertTrue(events >= 10 * 8, "each round is 4 requests plus at least 4 upstream replies, got " + events);
    }

    @Test
    void shouldHandEveryEventAndCommandToTheTapWithFlashblocksOnTheRoundsClock() throws IOException
    {
        final List<String> flashblocks;
        try (InputStream in = EngineWarmupTest.class.getResourceAsStream(
            "/testdata/flashblocks/unichain_sepolia_35535698_with_metadata.ndjson"))
        {
            flashblocks = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .toList();
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final FlashblockDecisionDecoder decision = new FlashblockDecisionDecoder();
        final Map<String, Integer> verdicts = new TreeMap<>();
        final List<Long> eventTimesNs = new ArrayList<>();
        final long[] flashblockEvents = {0};
        final EngineWarmup.Tap tap = new EngineWarmup.Tap()
        {
            public void onEvent(final long recvTimeNs, final DirectBuffer buffer, final int offset, final int length)
            {
                eventTimesNs.add(recvTimeNs);
                header.wrap(buffer, offset);
                if (FlashblockReceivedDecoder.TEMPLATE_ID == header.templateId())
                {
                    flashblockEvents[0]++;
                }
            }

            public void onCommand(final DirectBuffer buffer, final int offset, final int length)
            {
                header.wrap(buffer, offset);
                if (FlashblockDecisionDecoder.TEMPLATE_ID == header.templateId())
                {
                    decision.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                        header.version());
                    verdicts.merge(decision.verdict().name(), 1, Integer::sum);
                }
            }
        };
        final long startNs = 1_000_000_000_000_000_000L;
        final long events = new EngineWarmup().tap(tap).clock(startNs, 2_000_000_000L).flashblocks(flashblocks)
            .run(new SidecarConfig().flashblocks(true).healthCheckIntervalMs(Long.MAX_VALUE / 4), 3);

        assertEquals(events, eventTimesNs.size(), "the tap saw every event");
        assertEquals(3 * flashblocks.size(), flashblockEvents[0]);
        assertEquals(3 * flashblocks.size(), verdicts.values().stream().mapToInt(Integer::intValue).sum(),
            "a decision per flashblock: " + verdicts);
        assertTrue(verdicts.getOrDefault("PUBLISHED", 0) >= 3 * (flashblocks.size() - 1), verdicts.toString());
        for (int i = 1; i < eventTimesNs.size(); i++)
        {
            assertTrue(eventTimesNs.get(i) > eventTimesNs.get(i - 1), "event time only moves forward");
        }
        assertTrue(eventTimesNs.get(eventTimesNs.size() - 1) >= startNs + 2 * 2_000_000_000L, "rounds 2 s apart");
    }
}
