package io.boostj.perf.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTableTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadCellsByColumnName() throws Exception
    {
        final Path f = Files.writeString(dir.resolve("a.csv"), "method,p99_us\nfcu,12.5\n\nnewPayload,40\n");
        final CsvTable t = CsvTable.read(f);
        assertEquals(2, t.rowCount());
        assertEquals("newPayload", t.text(1, "method"));
        assertEquals(12.5, t.number(0, "p99_us"));
    }

    @Test
    void shouldNameTheFileAndLineOfARowWithTheWrongNumberOfCells() throws Exception
    {
        final Path f = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n");
        final IOException e = assertThrows(IOException.class, () -> CsvTable.read(f));
        assertTrue(e.getMessage().contains("bad.csv:3"), e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownColumnAndANonNumber() throws Exception
    {
        final CsvTable t = CsvTable.read(Files.writeString(dir.resolve("c.csv"), "a,b\nx,y\n"));
        assertThrows(IllegalArgumentException.class, () -> t.text(0, "c"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.number(0, "b"));
        assertTrue(e.getMessage().contains("not a number: y"), e.getMessage());
    }

    @Test
    void shouldRefuseAnEmptyFile() throws Exception
    {
        assertThrows(IOException.class, () -> CsvTable.read(Files.writeString(dir.resolve("e.csv"), "")));
    }
}
