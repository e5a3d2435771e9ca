package io.boostj.io.metrics;

import io.boostj.sbe.FlashblockVerdict;
import io.boostj.sbe.HashCheckOutcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Upstream's flashblocks metrics (reference §1.13: {@code flashblocks.ws_inbound.*} and {@code flashblocks.service.*},
 * rendered {@code rollup_boost_flashblocks_…}) and ours ({@code boostj_flashblocks_…}: malformed frames, outbound
 * subscribers and lag, the block hash check). Fed by the egress from the engine's flashblock commands and by the
 * WebSocket edges; never by the engine.
 */
public final class FlashblocksMetrics
{
    private static final String INBOUND = "rollup_boost_flashblocks_ws_inbound_";
    private static final String SERVICE = "rollup_boost_flashblocks_service_";

    private final Counter reconnectAttempts;
    private final Gauge connectionStatus;
    private final Counter messagesReceived;
    private final Counter extendPayloadErrors;
    private final Counter currentPayloadIdMismatch;
    private final Counter pendingFlashblocksBuffered;
    private final Counter pendingFlashblocksDropped;
    private final Counter messagesProcessed;
    private final Counter flashblocksCounter;
    private final Gauge flashblocksGauge;
    private final Histogram flashblocksMissingHistogram;
    private final Gauge flashblocksMissingGauge;
    private final Counter flashblocksMissingCounter;
    private final Counter malformed;
    private final Counter verdicts;
    private final Counter assemblies;
    private final Counter hashChecks;

    /**
     * @param registry where to register.
     */
    public FlashblocksMetrics(final PrometheusRegistry registry)
    {
        reconnectAttempts = Counter.builder().name(INBOUND + "reconnect_attempts")
            .help("Reconnections to the builder's flashblocks WebSocket").register(registry);
        connectionStatus = Gauge.builder().name(INBOUND + "connection_status")
            .help("1 while connected to the builder's flashblocks WebSocket, else 0").register(registry);
        messagesReceived = Counter.builder().name(INBOUND + "messages_received")
            .help("Flashblock messages received from the builder").register(registry);
        extendPayloadErrors = Counter.builder().name(SERVICE + "extend_payload_errors")
            .help("Flashblocks refused by the round: gap, duplicate, base rules, after getPayload").register(registry);
        currentPayloadIdMismatch = Counter.builder().name(SERVICE + "current_payload_id_mismatch")
            .help("Flashblocks whose payload id is not the round's").register(registry);
        pendingFlashblocksBuffered = Counter.builder().name(SERVICE + "pending_flashblocks_buffered")
            .help("Flashblocks buffered during the builder's FCU and adopted afterwards").register(registry);
        pendingFlashblocksDropped = Counter.builder().name(SERVICE + "pending_flashblocks_dropped")
            .help("Flashblocks dropped because the buffer held 1024").register(registry);
        messagesProcessed = Counter.builder().name(SERVICE + "messages_processed")
            .help("Flashblocks the round looked at").register(registry);
        flashblocksCounter = Counter.builder().name(SERVICE + "flashblocks_counter")
            .help("Flashblocks assembled into getPayload answers").register(registry);
        flashblocksGauge = Gauge.builder().name(SERVICE + "flashblocks_gauge")
            .help("Flashblocks in the last assembled block").register(registry);
        flashblocksMissingHistogram = Histogram.builder().name(SERVICE + "flashblocks_missing_histogram")
            .help("Most flashblocks seen in a block so far minus those in this block")
            .classicUpperBounds(0, 1, 2, 3, 5, 10, 20, 50).register(registry);
        flashblocksMissingGauge = Gauge.builder().name(SERVICE + "flashblocks_missing_gauge")
            .help("Missing flashblocks of the last assembled block").register(registry);
        flashblocksMissingCounter = Counter.builder().name(SERVICE + "flashblocks_missing_counter")
            .help("Missing flashblocks, summed over blocks").register(registry);
        malformed = Counter.builder().name("boostj_flashblocks_malformed")
            .help("Builder frames refused before the engine: not a well-formed flashblock, undecodable brotli, too large")
            .labelNames("reason").register(registry);
        verdicts = Counter.builder().name("boostj_flashblocks_verdicts")
            .help("What the round did with each flashblock").labelNames("verdict").register(registry);
        assemblies = Counter.builder().name("boostj_flashblocks_assemblies")
            .help("getPayload attempts to assemble the builder block from flashblocks, by outcome")
            .labelNames("outcome").register(registry);
        hashChecks = Counter.builder().name("boostj_builder_block_hash_checks")
            .help("Builder block hashes recomputed before L2 validation, by outcome (match, mismatch, cannot_judge)")
            .labelNames("outcome").register(registry);
        connectionStatus.set(0);
    }

    /**
     * @param verdict what the round did with one flashblock.
     */
    public void verdict(final FlashblockVerdict verdict)
    {
        verdicts.labelValues(verdict.name().toLowerCase(java.util.Locale.ROOT)).inc();
        if (FlashblockVerdict.ADOPTED != verdict)
        {
            messagesProcessed.inc();
        }
        switch (verdict)
        {
            case ADOPTED:
                pendingFlashblocksBuffered.inc();
                break;
            case BUFFERED:
            case PAYLOAD_ID_MISMATCH:
                currentPayloadIdMismatch.inc();
                break;
            case BUFFER_FULL:
                currentPayloadIdMismatch.inc();
                pendingFlashblocksDropped.inc();
                break;
            case INVALID_INDEX:
            case MISSING_BASE:
            case UNEXPECTED_BASE:
            case ROUND_FULL:
            case SEALED:
                extendPayloadErrors.inc();
                break;
            default:
                break;
        }
    }

    /**
     * @param outcome       how getPayload's assembly went (lower case).
     * @param count         flashblocks in the block (when assembled).
     * @param maxCount      most flashblocks seen in any block so far.
     * @param assembled     whether a block was assembled.
     */
    public void assembly(final String outcome, final long count, final long maxCount, final boolean assembled)
    {
        assemblies.labelValues(outcome).inc();
        if (assembled)
        {
            flashblocksCounter.inc(count);
            flashblocksGauge.set(count);
            final long missing = Math.max(0, maxCount - count);
            flashblocksMissingHistogram.observe(missing);
            flashblocksMissingGauge.set(missing);
            flashblocksMissingCounter.inc(missing);
        }
    }

    /**
     * @param outcome of one block hash check.
     */
    public void hashCheck(final HashCheckOutcome outcome)
    {
        hashChecks.labelValues(outcome.name().toLowerCase(java.util.Locale.ROOT)).inc();
    }

    /**
     * @param reason why a frame never reached the engine.
     */
    public void malformed(final String reason)
    {
        malformed.labelValues(reason).inc();
    }

    /**
     * Counts one frame from the builder.
     */
    public void messageReceived()
    {
        messagesReceived.inc();
    }

    /**
     * @param connected whether the builder stream is up.
     */
    public void connectionStatus(final boolean connected)
    {
        connectionStatus.set(connected ? 1 : 0);
    }

    /**
     * Counts one reconnection attempt.
     */
    public void reconnectAttempt()
    {
        reconnectAttempts.inc();
    }
}
