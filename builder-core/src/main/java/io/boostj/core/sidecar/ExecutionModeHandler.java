package io.boostj.core.sidecar;

import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeRequestDecoder;
import org.agrona.DirectBuffer;

import static io.boostj.core.json.JsonRpcBodyWriter.ascii;

/**
 * The debug API (reference §1.11): {@code debug_setExecutionMode} switches the mode, emits
 * {@code ExecutionModeUpdate} and answers {@code {"execution_mode":"dry_run"}}; {@code debug_getExecutionMode}
 * answers the current mode the same way.
 */
final class ExecutionModeHandler
{
    private static final byte[] ENABLED = ascii("{\"execution_mode\":\"enabled\"}");
    private static final byte[] DRY_RUN = ascii("{\"execution_mode\":\"dry_run\"}");
    private static final byte[] DISABLED = ascii("{\"execution_mode\":\"disabled\"}");

    private final EngineContext ctx;

    ExecutionModeHandler(final EngineContext ctx)
    {
        this.ctx = ctx;
    }

    void onRequest(final ExecutionModeRequestDecoder decoder)
    {
        final DirectBuffer buffer = decoder.buffer();
        final long requestId = decoder.requestId();
        final boolean set = 1 == decoder.setRaw();
        final ExecutionModeCode mode = decoder.mode();
        final int rpcIdOffset = decoder.limit() + ExecutionModeRequestDecoder.rpcIdHeaderLength();
        final int rpcIdLength = decoder.skipRpcId();

        if (set)
        {
            if (ExecutionModeCode.NULL_VAL == mode)
            {
                ctx.replies.error(
                    requestId, buffer, rpcIdOffset, rpcIdLength,
                    ReplyErrors.INVALID_PARAMS, ReplyErrors.INVALID_PARAMS_MESSAGE);
                return;
            }
            ctx.executionMode = mode;
            ctx.commands.executionModeUpdate(mode);
        }

        ctx.replies.result(requestId, buffer, rpcIdOffset, rpcIdLength, json(ctx.executionMode));
    }

    private static byte[] json(final ExecutionModeCode mode)
    {
        switch (mode)
        {
            case DRY_RUN: return DRY_RUN;
            case DISABLED: return DISABLED;
            default: return ENABLED;
        }
    }
}
