package io.boostj.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A small CSV file as the perf harnesses write them: a header line, then rows of plain comma-separated values (no
 * quoting: no harness writes a comma inside a value).
 */
public final class CsvTable
{
    private final Path file;
    private final List<String> header;
    private final List<String[]> rows;

    private CsvTable(final Path file, final List<String> header, final List<String[]> rows)
    {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /**
     * @throws IOException if the file cannot be read or has no header.
     */
    public static CsvTable read(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty())
        {
            throw new IOException(file + ": empty, expected a CSV header");
        }
        final List<String> header = Arrays.asList(lines.get(0).trim().split(","));
        final List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] cells = line.split(",", -1);
            if (cells.length != header.size())
            {
                throw new IOException(file + ":" + (i + 1) + ": " + cells.length + " values, the header has " +
                    header.size());
            }
            rows.add(cells);
        }
        return new CsvTable(file, Collections.unmodifiableList(header), rows);
    }

    public int rowCount()
    {
        return rows.size();
    }

    /** @return the cell of {@code column} in row {@code row}. */
    public String text(final int row, final String column)
    {
        final int c = header.indexOf(column);
        if (c < 0)
        {
            throw new IllegalArgumentException(file + " has no column " + column + " (has " + header + ")");
        }
        return rows.get(row)[c];
    }

    /** @return the cell as a number. */
    public double number(final int row, final String column)
    {
        final String text = text(row, column);
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(file + " row " + (row + 1) + " column " + column + ": not a number: " +
                text, ex);
        }
    }

    public boolean hasColumn(final String column)
    {
        return header.contains(column);
    }
}
