package io.boostj.replay;

import io.boostj.codecs.engine.MethodRouting;
import io.boostj.sbe.EngineMethod;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one record of a block's life reads for a person: the swimlane it belongs to (op-node, sidecar, l2, builder)
 * and one line saying what happened.
 */
final class TimelineEventText
{
    private static final Pattern ERROR = Pattern.compile("\"error\":\\{\"code\":(-?\\d+),\"message\":\"([^\"]*)");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

    private TimelineEventText()
    {
    }

    /**
     * @param r a record of the timeline.
     * @return the lane: {@code op-node} for its requests and our replies to it, {@code l2} / {@code builder} for
     * upstream calls, their replies and the builder's flashblocks, {@code sidecar} for the engine's own decisions.
     */
    static String lane(final TimelineRecord r)
    {
        switch (r.name())
        {
            case "ForkchoiceUpdatedRequest":
            case "GetPayloadRequest":
            case "NewPayloadRequest":
            case "RpcReply":
                return "op-node";
            case "UpstreamCall":
            case "UpstreamReply":
                return r.field("target").toLowerCase(Locale.ROOT);
            case "FlashblockReceived":
                return "builder";
            default:
                return "sidecar";
        }
    }

    /**
     * @param r a record of the timeline.
     * @return what happened, on one line.
     */
    static String describe(final TimelineRecord r)
    {
        switch (r.name())
        {
            case "ForkchoiceUpdatedRequest":
                return "-> engine_forkchoiceUpdatedV3 " + (r.isTrue("hasAttributes") ?
                    "with attributes" + (r.isTrue("noTxPool") ? " (noTxPool)" : "") : "without attributes") +
                    ", head " + shortHash(r.field("headBlockHash")) + " (request " + r.field("requestId") + ")";
            case "GetPayloadRequest":
                return "-> " + method(r.field("method")) + " " + r.field("payloadId") + " (request " +
                    r.field("requestId") + ")";
            case "NewPayloadRequest":
                return "-> " + method(r.field("method")) + " block " + r.field("blockNumber") + " " +
                    shortHash(r.field("blockHash")) + " (request " + r.field("requestId") + ")";
            case "RpcReply":
                return "<- HTTP " + r.field("httpStatus") + " " + replySummary(r.field("body"));
            case "UpstreamCall":
                return "-> " + method(r.field("method")) + " (call " + r.field("callId") + ", timeout " +
                    r.field("timeoutMs") + " ms" + (r.isTrue("fireAndForget") ? ", fire-and-forget" : "") + ")";
            case "UpstreamReply":
                return upstreamReply(r);
            case "FlashblockReceived":
                return "flashblock #" + r.field("index") + (r.isTrue("hasBase") ? " (base)" : "") + " received over " +
                    r.field("transport").toLowerCase(Locale.ROOT);
            case "FlashblockDecision":
                return "flashblock #" + r.field("index") + " " + r.field("verdict");
            case "FlashblockAssembly":
                return "assembly from flashblocks: " + r.field("outcome") + ", " + r.field("flashblockCount") +
                    " flashblocks, " + r.field("txCount") + " txs" + ("ASSEMBLED".equals(r.field("outcome")) ?
                    ", block " + r.field("blockNumber") + " " + shortHash(r.field("blockHash")) : "");
            case "BlockHashCheck":
                return "block hash check " + r.field("outcome") + ": claimed " + shortHash(r.field("claimedHash")) +
                    ", computed " + shortHash(r.field("computedHash")) +
                    (r.field("detail").isEmpty() ? "" : " (" + r.field("detail") + ")");
            case "BlockDecision":
                return "DECISION " + r.field("source") + " (" + r.field("reason") + ") block " +
                    r.field("blockNumber") + " " + shortHash(r.field("blockHash")) + ", gas l2/builder " +
                    r.field("l2GasUsed") + "/" + r.field("builderGasUsed") + ", txs " + r.field("l2TxCount") + "/" +
                    r.field("builderTxCount") + ", " + millis(r.longField("elapsedNs")) + " after getPayload";
            case "HealthUpdate":
                return "health -> " + r.field("health") + " (" + r.field("cause").toLowerCase(Locale.ROOT) + ")";
            case "ExecutionModeUpdate":
                return "execution mode -> " + r.field("mode");
            default:
                return r.name();
        }
    }

    private static String replySummary(final String body)
    {
        final Matcher error = ERROR.matcher(body);
        if (error.find())
        {
            return "error " + error.group(1) + " \"" + error.group(2) + "\"";
        }
        if (body.contains("\"executionPayload\""))
        {
            return "the payload envelope";
        }
        final Matcher status = STATUS.matcher(body);
        return status.find() ? status.group(1) : abbreviate(body, 80);
    }

    private static String upstreamReply(final TimelineRecord r)
    {
        final StringBuilder b = new StringBuilder("<- ").append(r.field("outcome"));
        if (!"NONE".equals(r.field("payloadStatus")))
        {
            b.append(' ').append(r.field("payloadStatus"));
        }
        if (r.isTrue("hasPayloadId"))
        {
            b.append(" payloadId ").append(r.field("payloadId"));
        }
        if (r.field("method").startsWith("GET_PAYLOAD") && "RESULT".equals(r.field("outcome")))
        {
            b.append(" block ").append(r.field("blockNumber")).append(' ').append(shortHash(r.field("blockHash")))
                .append(", ").append(r.field("txCount")).append(" txs, gas ").append(r.field("gasUsed"));
        }
        if (!"200".equals(r.field("httpStatus")) && !"0".equals(r.field("httpStatus")))
        {
            b.append(" HTTP ").append(r.field("httpStatus"));
        }
        if (!"0".equals(r.field("errorCode")) && !r.field("errorCode").isEmpty())
        {
            b.append(" error ").append(r.field("errorCode"));
        }
        if (!r.field("errorMessage").isEmpty())
        {
            b.append(" \"").append(abbreviate(r.field("errorMessage"), 80)).append('"');
        }
        return b.append(" in ").append(millis(r.longField("latencyNs"))).append(" (call ").append(r.field("callId"))
            .append(')').toString();
    }

    static String millis(final long ns)
    {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    static String shortHash(final String hash)
    {
        return hash.length() > 14 ? hash.substring(0, 10) + "…" + hash.substring(hash.length() - 4) : hash;
    }

    private static String method(final String enumName)
    {
        final String name;
        try
        {
            name = MethodRouting.methodName(EngineMethod.valueOf(enumName));
        }
        catch (final IllegalArgumentException ex)
        {
            return enumName;
        }
        return null == name ? "engine_* (unsupported)" : name;
    }

    private static String abbreviate(final String text, final int max)
    {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
