package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalWriter;

import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a journal record for record (same times, directions and SBE bytes, same roll cycle and cycle) into a new
 * directory with a small Chronicle block size, so that a recorded journal checked in as test data takes a few hundred
 * KB instead of a sparse 80 MB cycle file. How {@code src/test/resources/journals/*} were made (see their README):
 * <pre>java -cp ... io.boostj.replay.CompactJournalCopy SOURCE_DIR TARGET_DIR BLOCK_SIZE_BYTES</pre>
 */
final class CompactJournalCopy
{
    private CompactJournalCopy()
    {
    }

    /**
     * @param args source directory, target directory (must not exist), block size in bytes.
     */
    public static void main(final String[] args)
    {
        if (3 != args.length)
        {
            System.err.println("usage: CompactJournalCopy SOURCE_DIR TARGET_DIR BLOCK_SIZE_BYTES");
            System.exit(2);
        }
        final File target = new File(args[1]);
        if (target.exists())
        {
            System.err.println("error: target exists: " + target);
            System.exit(2);
        }
        System.out.println("copied " + copy(new File(args[0]), target, Long.parseLong(args[2])) + " records");
    }

    static long copy(final File source, final File target, final long blockSizeBytes)
    {
        try (Journal in = Journal.open(new JournalContext().directory(source).readOnly(true));
            JournalReader reader = in.newReader())
        {
            reader.moveToStart();
            final AtomicLong currentMs = new AtomicLong();
            final AtomicLong copied = new AtomicLong();
            try (Journal out = Journal.open(new JournalContext().directory(target).rollCycle(in.rollCycleName())
                .blockSizeBytes(blockSizeBytes).epochClock(currentMs::get));
                JournalWriter writer = out.newWriter())
            {
                while (true)
                {
                    final int n = reader.poll(record ->
                    {
                        currentMs.set(record.recvTimeNs() / 1_000_000L);
                        writer.append(record.recvTimeNs(), record.direction(), record.buffer(), record.bodyOffset(),
                            record.bodyLength());
                        copied.incrementAndGet();
                    }, 256);
                    if (0 == n && reader.checkAtEnd())
                    {
                        break;
                    }
                }
            }
            return copied.get();
        }
    }
}
