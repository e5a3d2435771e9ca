package io.boostj.io.runtime;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalWriter;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalStartupCheckTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAcceptMissingOrHealthyJournal() throws Exception
    {
        assertDoesNotThrow(() -> JournalStartupCheck.check(dir.resolve("none"), "FAST_HOURLY"));
        write(200);
        assertDoesNotThrow(() -> JournalStartupCheck.check(dir, "FAST_HOURLY"));
    }

    @Test
    void shouldRefuseTruncatedJournalNamingIt() throws Exception
    {
        write(5_000);
        final File[] files = dir.toFile().listFiles((d, n) -> n.endsWith(".cq4"));
        assertTrue(null != files && 1 == files.length);
        try (RandomAccessFile raf = new RandomAccessFile(files[0], "rw"))
        {
            raf.setLength(200_000);
        }
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> JournalStartupCheck.check(dir, "FAST_HOURLY"));
        assertTrue(ex.getMessage().contains("damaged"), ex.getMessage());
        assertTrue(ex.getMessage().contains(dir.toString()), ex.getMessage());
    }

    private void write(final int records)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()));
            JournalWriter writer = journal.newWriter())
        {
            for (int i = 0; i < records; i++)
            {
                final int length = new SidecarConfig().encode(buffer, 0, i);
                writer.append(i, Direction.IN, buffer, 0, length);
            }
        }
    }
}
