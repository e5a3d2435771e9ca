package io.boostj.io.flashblocks.p2p;

import io.boostj.sbe.ExecutionModeCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The egress hook: authorized while the mode is enabled, plain otherwise or when the FCU cannot be read (never
 * dropped), each outcome counted.
 */
class FlashblocksP2pEgressTest
{
    private static final String FCU = AuthorizedForkchoiceRewriterTest.fcu("9",
        "[" + AuthorizedForkchoiceRewriterTest.STATE + "," + AuthorizedForkchoiceRewriterTest.ATTRIBUTES + "]");

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private FlashblocksP2pEgress egress(final ExecutionModeCode mode)
    {
        return new FlashblocksP2pEgress(new FlashblocksAuthorizer(FlashblocksAuthorizerTest.AUTHORIZER_SK,
            Hex.decode(FlashblocksAuthorizerTest.BUILDER_VK)), mode, registry);
    }

    private static ByteBuf body(final String json)
    {
        return Unpooled.directBuffer().writeBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    private long count(final String outcome)
    {
        for (final MetricSnapshot s : registry.scrape())
        {
            if ("boostj_flashblocks_p2p_forkchoice_updates".equals(s.getMetadata().getName()))
            {
                for (final CounterSnapshot.CounterDataPointSnapshot dp : ((CounterSnapshot)s).getDataPoints())
                {
                    if (outcome.equals(dp.getLabels().get("outcome")))
                    {
                        return (long)dp.getValue();
                    }
                }
            }
        }
        return 0;
    }

    @Test
    void shouldAuthorizeWhileEnabledAndReleaseThePlainBody()
    {
        final FlashblocksP2pEgress egress = egress(ExecutionModeCode.ENABLED);
        final ByteBuf plain = body(FCU);

        final ByteBuf sent = egress.onBuilderForkchoice(plain);

        assertEquals(0, plain.refCnt(), "the plain body was released");
        final String json = sent.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"flashblocks_forkchoiceUpdatedV3\""), json);
        assertTrue(json.endsWith(",\"authorizer_sig\":" + AuthorizedForkchoiceRewriterTest.SIGNATURE_JSON + "}]}"), json);
        assertEquals(1, count("authorized"));
        sent.release();
    }

    @Test
    void shouldSendThePlainFcuInDryRunAndFollowModeUpdates()
    {
        final FlashblocksP2pEgress egress = egress(ExecutionModeCode.DRY_RUN);
        final ByteBuf plain = body(FCU);

        assertSame(plain, egress.onBuilderForkchoice(plain));
        assertEquals(FCU, plain.toString(StandardCharsets.UTF_8));
        assertEquals(1, count("plain_mode"));

        egress.executionMode(ExecutionModeCode.ENABLED);
        final ByteBuf authorized = egress.onBuilderForkchoice(plain);
        assertTrue(authorized.toString(StandardCharsets.UTF_8).contains("flashblocks_forkchoiceUpdatedV3"));
        authorized.release();

        egress.executionMode(ExecutionModeCode.DISABLED);
        final ByteBuf again = body(FCU);
        assertSame(again, egress.onBuilderForkchoice(again));
        assertEquals(2, count("plain_mode"));
        again.release();
    }

    @Test
    void shouldSendThePlainFcuWhenItHasNoAttributesOrCannotBeRead()
    {
        final FlashblocksP2pEgress egress = egress(ExecutionModeCode.ENABLED);
        final ByteBuf noAttributes = body(AuthorizedForkchoiceRewriterTest.fcu("1",
            "[" + AuthorizedForkchoiceRewriterTest.STATE + ",null]"));
        final String garbled = AuthorizedForkchoiceRewriterTest.fcu("2",
            "[" + AuthorizedForkchoiceRewriterTest.STATE + ",{\"timestamp\":\"soon\"}]");
        final ByteBuf unreadable = body(garbled);

        assertSame(noAttributes, egress.onBuilderForkchoice(noAttributes));
        assertSame(unreadable, egress.onBuilderForkchoice(unreadable));

        assertEquals(garbled, unreadable.toString(StandardCharsets.UTF_8), "sent as it came");
        assertEquals(1, unreadable.refCnt());
        assertEquals(1, count("plain_no_attributes"));
        assertEquals(1, count("rewrite_failed"));
        assertEquals(0, count("authorized"));
        noAttributes.release();
        unreadable.release();
    }
}
