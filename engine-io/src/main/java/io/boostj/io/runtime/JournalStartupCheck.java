package io.boostj.io.runtime;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalCorruptException;
import io.boostj.journal.JournalReader;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before the sidecar appends to an existing journal, reads its last cycle file read-only to the end: Chronicle opened
 * for writing would silently zero-fill a truncated file and append after the hole, destroying the evidence. A damaged
 * journal stops the start with an error naming the file and position; the operator moves it aside.
 */
final class JournalStartupCheck
{
    private JournalStartupCheck()
    {
    }

    /**
     * @param dir       the journal directory.
     * @param rollCycle its roll cycle name.
     * @throws IllegalStateException if the journal cannot be read to its end.
     */
    static void check(final Path dir, final String rollCycle)
    {
        if (!Files.isDirectory(dir) || !hasCycleFiles(dir.toFile()))
        {
            return;
        }
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()).rollCycle(rollCycle)
            .readOnly(true));
            JournalReader reader = journal.newReader())
        {
            final long last = journal.lastIndex();
            if (last >= 0 && !reader.moveToIndex(last - journal.sequenceInCycle(last)))
            {
                reader.moveToStart();
            }
            while (reader.poll((record) -> { }, 4096) > 0)
            {
                Thread.onSpinWait();
            }
            if (!reader.checkAtEnd())
            {
                throw new IllegalStateException("journal " + dir + " changed while being checked; is another " +
                    "process writing it?");
            }
        }
        catch (final JournalCorruptException ex)
        {
            throw new IllegalStateException("journal " + dir + " is damaged: " + ex.getMessage() +
                ". Move the directory aside (or start with another --journal-dir); the readable part can still be " +
                "inspected with bin/replay-tool describe --journal-dir " + dir, ex);
        }
    }

    private static boolean hasCycleFiles(final File dir)
    {
        final String[] names = dir.list((d, name) -> name.endsWith(".cq4"));
        return null != names && names.length > 0;
    }
}
