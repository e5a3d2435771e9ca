package io.boostj.ring;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * A Disruptor ring of SBE messages with any number of parallel consumers, each on its own thread.
 * <p>
 * Producers never block: {@link #tryClaim()} returns {@link #INSUFFICIENT_CAPACITY} when the slowest consumer is a full
 * ring behind, and the caller applies its own back-pressure policy (reject and count, or stop reading).
 * <pre>
 *   long seq = ring.tryClaim();
 *   if (seq &lt; 0) { reject(); return; }
 *   MessageSlot slot = ring.slot(seq);
 *   slot.length(encoder.encode(slot.buffer()));
 *   ring.publish(seq);
 * </pre>
 * A claimed sequence must always be published (encode failures publish an empty slot, {@code length 0}, which consumers
 * skip), or the ring stalls.
 */
public final class MessageRing
{
    /** Returned by {@link #tryClaim()} when the ring is full. */
    public static final long INSUFFICIENT_CAPACITY = -2;

    private final RingBuffer<MessageSlot> ringBuffer;
    private final List<BatchEventProcessor<MessageSlot>> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final String name;

    /**
     * @param name              thread-name prefix and diagnostics label.
     * @param sizePow2          number of slots, a power of two.
     * @param slotCapacity      initial bytes per slot.
     * @param multiProducer     true when more than one thread publishes.
     * @param waitStrategy      how consumers wait (see {@link WaitStrategies}).
     */
    public MessageRing(
        final String name,
        final int sizePow2,
        final int slotCapacity,
        final boolean multiProducer,
        final WaitStrategy waitStrategy)
    {
        this.name = name;
        ringBuffer = multiProducer ?
            RingBuffer.createMultiProducer(() -> new MessageSlot(slotCapacity), sizePow2, waitStrategy) :
            RingBuffer.createSingleProducer(() -> new MessageSlot(slotCapacity), sizePow2, waitStrategy);
    }

    /**
     * Adds a consumer that sees every message, in parallel with the other consumers. Call before {@link #start}.
     *
     * @param handler the consumer.
     * @return the consumer's sequence (how far it has processed), for gating and lag metrics.
     */
    public Sequence addConsumer(final MessageHandler handler)
    {
        final SequenceBarrier barrier = ringBuffer.newBarrier();
        final EventHandler<MessageSlot> adapter =
            (slot, sequence, endOfBatch) -> handler.onMessage(sequence, slot, endOfBatch);
        final BatchEventProcessor<MessageSlot> processor =
            new BatchEventProcessorBuilder().build(ringBuffer, barrier, adapter);
        ringBuffer.addGatingSequences(processor.getSequence());
        processors.add(processor);
        return processor.getSequence();
    }

    /**
     * Adds a consumer that has no thread: its owner polls it. Call before anything is published.
     *
     * @return the poller.
     */
    public MessagePoller addPoller()
    {
        final com.lmax.disruptor.EventPoller<MessageSlot> poller = ringBuffer.newPoller();
        ringBuffer.addGatingSequences(poller.getSequence());
        return new MessagePoller(poller);
    }

    /**
     * Starts one thread per consumer.
     *
     * @param threadFactory makes the consumer threads.
     */
    public void start(final ThreadFactory threadFactory)
    {
        for (int i = 0; i < processors.size(); i++)
        {
            final Thread thread = threadFactory.newThread(processors.get(i));
            thread.setName(name + "-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * @return the next sequence to encode into, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public long tryClaim()
    {
        try
        {
            return ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return INSUFFICIENT_CAPACITY;
        }
    }

    /**
     * @param sequence a claimed sequence.
     * @return its slot.
     */
    public MessageSlot slot(final long sequence)
    {
        return ringBuffer.get(sequence);
    }

    /**
     * Makes a claimed slot visible to consumers.
     *
     * @param sequence a claimed sequence.
     */
    public void publish(final long sequence)
    {
        ringBuffer.publish(sequence);
    }

    /**
     * @return messages published but not yet processed by the slowest consumer.
     */
    public long depth()
    {
        return ringBuffer.getCursor() - ringBuffer.getMinimumGatingSequence();
    }

    /**
     * @return the ring's size in slots.
     */
    public int capacity()
    {
        return ringBuffer.getBufferSize();
    }

    /**
     * @return the highest published sequence.
     */
    public long cursor()
    {
        return ringBuffer.getCursor();
    }

    /**
     * Halts the consumers once they have processed what was published, and joins their threads.
     *
     * @param timeoutMs how long to wait for each thread.
     * @throws InterruptedException if interrupted while joining.
     */
    public void close(final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        for (final BatchEventProcessor<MessageSlot> p : processors)
        {
            while (p.getSequence().get() < ringBuffer.getCursor() && System.nanoTime() < deadlineNs)
            {
                Thread.onSpinWait();
            }
            p.halt();
        }
        for (final Thread t : threads)
        {
            t.join(timeoutMs);
        }
    }
}
