package io.boostj.io.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineWarmupTest
{
    @Test
    void shouldDriveWholeRoundsThroughTheScratchEngine()
    {
        final long events = new EngineWarmup().run(10);
        assertTrue(events >= 10 * 8, "each round is 4 requests plus at least 4 upstream replies, got " + events);
    }
}
