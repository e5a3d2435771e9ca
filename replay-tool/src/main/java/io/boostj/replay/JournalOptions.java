package io.boostj.replay;

import picocli.CommandLine.Option;

import java.io.File;

/**
 * Options every subcommand takes.
 */
final class JournalOptions
{
    @Option(
        names = "--journal-dir",
        paramLabel = "DIR",
        required = false,
        defaultValue = "${env:JOURNAL_DIR:-./data/journal}",
        description = "Journal (Chronicle Queue) directory, as the sidecar's --journal-dir (default: ${DEFAULT-VALUE}). Env: JOURNAL_DIR.")
    File journalDir;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.TEXT;
}
