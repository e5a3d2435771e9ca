package io.boostj.replay;

/**
 * Output format of the tool's commands.
 */
public enum OutputFormat
{
    /**
     * Human-readable text, one line per record.
     */
    TEXT,

    /**
     * JSON: one object per record (dump) or one object per run (describe, verify).
     */
    JSON
}
