package io.boostj.io.runtime;

import io.boostj.core.sidecar.SidecarEngine;
import io.boostj.ring.MessageHandler;
import io.boostj.ring.MessageSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound ring's engine consumer: hands each event to the single-threaded {@link SidecarEngine}.
 */
final class EngineEventHandler implements MessageHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineEventHandler.class);

    private final SidecarEngine engine;
    private final OutboundCommandSink sink;
    private volatile long errors;

    EngineEventHandler(final SidecarEngine engine, final OutboundCommandSink sink)
    {
        this.engine = engine;
        this.sink = sink;
    }

    @Override
    public void onMessage(final long sequence, final MessageSlot slot, final boolean endOfBatch)
    {
        if (0 == slot.length())
        {
            return;
        }
        sink.causeSequence(sequence);
        try
        {
            engine.onEvent(slot.buffer(), 0, slot.length());
        }
        catch (final RuntimeException ex)
        {
            errors++;
            LOG.error("engine failed on event at sequence {}: {}", sequence, ex.toString(), ex);
        }
    }

    long errors()
    {
        return errors;
    }
}
