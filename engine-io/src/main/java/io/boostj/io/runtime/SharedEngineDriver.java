package io.boostj.io.runtime;

import io.boostj.ring.MessageHandler;
import io.boostj.ring.MessagePoller;
import io.boostj.ring.MessageSlot;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared threading mode's duty cycle, run on the sidecar's owning event loop: polls the inbound ring, journals
 * each event (syncing at batch ends in sync mode), hands it to the engine, and carries out the commands it emitted
 * before taking the next event. Anyone who publishes calls {@link #signal()}; a publish from the loop itself costs no
 * wake-up.
 */
final class SharedEngineDriver implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(SharedEngineDriver.class);

    private final EventLoop owner;
    private final MessagePoller inbound;
    private final MessagePoller outbound;
    private final InboundJournal journal;
    private final EngineEventHandler engine;
    private final EgressHandler egress;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final MessageHandler onEvent = this::onEvent;
    private boolean draining;

    SharedEngineDriver(
        final EventLoop owner,
        final MessagePoller inbound,
        final MessagePoller outbound,
        final InboundJournal journal,
        final EngineEventHandler engine,
        final EgressHandler egress)
    {
        this.owner = owner;
        this.inbound = inbound;
        this.outbound = outbound;
        this.journal = journal;
        this.engine = engine;
        this.egress = egress;
    }

    /**
     * Something was published: make sure a drain runs soon on the owning loop.
     */
    void signal()
    {
        if (scheduled.compareAndSet(false, true))
        {
            owner.execute(this);
        }
    }

    /**
     * Carries out the commands already emitted; the engine's command sink calls it when the outbound ring is full.
     */
    void drainOutbound()
    {
        try
        {
            outbound.poll(egress);
        }
        catch (final Exception ex)
        {
            LOG.error("egress failed: {}", ex.toString(), ex);
        }
    }

    @Override
    public void run()
    {
        scheduled.set(false);
        if (draining)
        {
            return;
        }
        draining = true;
        try
        {
            boolean progressed;
            do
            {
                progressed = inbound.poll(onEvent);
                progressed |= outbound.poll(egress);
            }
            while (progressed);
        }
        catch (final Exception ex)
        {
            LOG.error("shared engine driver failed: {}", ex.toString(), ex);
            signal();
        }
        finally
        {
            draining = false;
        }
    }

    private void onEvent(final long sequence, final MessageSlot slot, final boolean endOfBatch)
    {
        journal.append(slot, endOfBatch);
        if (0 == slot.length())
        {
            return;
        }
        engine.onMessage(sequence, slot, endOfBatch);
        drainOutbound();
    }
}
