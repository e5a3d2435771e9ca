package io.boostj.journal;

import java.io.File;

/**
 * A journal cycle file cannot be read past a point: a record is truncated, its envelope is inconsistent, or Chronicle
 * could not parse the file. Names the file and the byte position; every record before that position was readable.
 */
public class JournalCorruptException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final File file;
    private final long position;
    private final long lastGoodIndex;

    /**
     * @param reason        what is wrong.
     * @param file          the cycle file, or null if unknown.
     * @param position      byte position in the file where the damage starts, or -1 if unknown.
     * @param lastGoodIndex index of the last record read successfully before the damage, or -1 if none.
     * @param cause         the underlying Chronicle exception, or null.
     */
    public JournalCorruptException(
        final String reason, final File file, final long position, final long lastGoodIndex, final Throwable cause)
    {
        super(message(reason, file, position, lastGoodIndex), cause);
        this.file = file;
        this.position = position;
        this.lastGoodIndex = lastGoodIndex;
    }

    /**
     * @return the damaged cycle file, or null if unknown.
     */
    public File file()
    {
        return file;
    }

    /**
     * @return the byte position in {@link #file()} where the damage starts, or -1 if unknown.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return index of the last record read successfully before the damage, or -1 if none.
     */
    public long lastGoodIndex()
    {
        return lastGoodIndex;
    }

    private static String message(final String reason, final File file, final long position, final long lastGoodIndex)
    {
        return "corrupt journal: " + reason +
            " (file " + (null == file ? "?" : file.getPath()) +
            ", position " + position +
            ", last good index " + lastGoodIndex + ")";
    }
}
