package io.boostj.system;

import io.boostj.journal.JournalSyncMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's gauges as Prometheus scrapes them (real HTTP on the sidecar's /metrics port), after a few blocks, in
 * each threading mode and durability mode: nothing left unjournaled, free disk reported, and with
 * {@code --journal-sync-mode sync} the journal synced at inbound batch ends (never in async mode).
 */
class JournalMetricsSystemTest extends SystemTestBase
{
    @ParameterizedTest
    @EnumSource(io.boostj.io.runtime.ThreadingMode.class)
    void shouldServeJournalGaugesAndSyncPerBatchInSyncMode(final io.boostj.io.runtime.ThreadingMode mode)
        throws Exception
    {
        start(o -> o.metrics(true).metricsPort(0)
            .contextCustomizer(c -> c.threadingMode(mode).journalSyncMode(JournalSyncMode.SYNC)));
        produceFrom(3, "builder");

        final String text = Await.value("journal caught up", this::scrape,
            t -> 0 == gauge(t, "boostj_journal_lag_records"));
        final double freeDisk = gauge(text, "boostj_journal_free_disk_bytes");
        assertTrue(freeDisk > 0 && freeDisk == Math.rint(freeDisk), "free disk bytes " + freeDisk);
        final double syncs = gauge(text, "boostj_journal_syncs");
        assertTrue(syncs >= 3, "at least one sync per block's batches, got " + syncs);
        final long journaledEvents = devnet.sidecar().journal().lastIndex();
        assertTrue(syncs <= journaledEvents, "never more syncs than records: " + syncs + " > " + journaledEvents);
    }

    @ParameterizedTest
    @EnumSource(value = JournalSyncMode.class, names = {"NONE", "ASYNC"})
    void shouldNeverSyncPerBatchInTheOtherModes(final JournalSyncMode syncMode) throws Exception
    {
        start(o -> o.metrics(true).metricsPort(0).contextCustomizer(c -> c.journalSyncMode(syncMode)));
        produceFrom(2, "builder");
        final String text = scrape();
        assertEquals(0.0, gauge(text, "boostj_journal_syncs"));
        assertTrue(gauge(text, "boostj_journal_free_disk_bytes") > 0);
    }

    private String scrape()
    {
        try
        {
            final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + devnet.sidecar().metricsPort() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static double gauge(final String exposition, final String name)
    {
        final Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([-+0-9.eE]+)$").matcher(exposition);
        assertTrue(m.find(), () -> name + " not in /metrics:\n" + exposition);
        return Double.parseDouble(m.group(2));
    }
}
