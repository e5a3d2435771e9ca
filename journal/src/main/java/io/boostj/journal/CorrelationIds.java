package io.boostj.journal;

import io.boostj.sbe.BlockDecisionDecoder;
import io.boostj.sbe.EngineCallRequestDecoder;
import io.boostj.sbe.ExecutionModeRequestDecoder;
import io.boostj.sbe.ForkchoiceUpdatedRequestDecoder;
import io.boostj.sbe.GetPayloadRequestDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.NewPayloadRequestDecoder;
import io.boostj.sbe.RpcReplyDecoder;
import io.boostj.sbe.UpstreamCallDecoder;
import io.boostj.sbe.UpstreamReplyDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Extracts the correlation id of an engine message without a decoder: the {@code requestId} of an op-node request and
 * of its reply ({@code RpcReply}, {@code BlockDecision}), the {@code callId} of an upstream call and of its reply.
 * Messages without one ({@code Tick}, {@code HealthUpdate}, {@code ExecutionModeUpdate}, {@code EngineConfig}) and
 * messages of another schema give 0. Allocation-free; never throws on short or foreign input.
 */
public final class CorrelationIds
{
    private static final ByteOrder ORDER = MessageHeaderDecoder.BYTE_ORDER;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private CorrelationIds()
    {
    }

    /**
     * The correlation id of the SBE message (header included) at {@code offset}.
     *
     * @param buffer holding the message.
     * @param offset of the SBE message header.
     * @param length of the message, header included.
     * @return the requestId or callId, or 0 if the message has none or is not an engine message.
     */
    public static long of(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return 0;
        }

        final int schemaId = uint16(buffer, offset + MessageHeaderDecoder.schemaIdEncodingOffset());
        if (MessageHeaderDecoder.SCHEMA_ID != schemaId)
        {
            return 0;
        }

        final int templateId = uint16(buffer, offset + MessageHeaderDecoder.templateIdEncodingOffset());
        final int fieldOffset = fieldOffset(templateId);
        if (fieldOffset < 0)
        {
            return 0;
        }

        final int blockLength = uint16(buffer, offset + MessageHeaderDecoder.blockLengthEncodingOffset());
        if (blockLength < fieldOffset + Long.BYTES || length < HEADER_LENGTH + fieldOffset + Long.BYTES)
        {
            return 0;
        }

        return buffer.getLong(offset + HEADER_LENGTH + fieldOffset, ORDER);
    }

    private static int uint16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, ORDER) & 0xFFFF;
    }

    /**
     * Offset in the root block of the correlation field of a template.
     *
     * @param templateId of the engine schema.
     * @return the offset, or -1 if the template carries no correlation id.
     */
    public static int fieldOffset(final int templateId)
    {
        switch (templateId)
        {
            case ForkchoiceUpdatedRequestDecoder.TEMPLATE_ID:
                return ForkchoiceUpdatedRequestDecoder.requestIdEncodingOffset();
            case GetPayloadRequestDecoder.TEMPLATE_ID:
                return GetPayloadRequestDecoder.requestIdEncodingOffset();
            case NewPayloadRequestDecoder.TEMPLATE_ID:
                return NewPayloadRequestDecoder.requestIdEncodingOffset();
            case EngineCallRequestDecoder.TEMPLATE_ID:
                return EngineCallRequestDecoder.requestIdEncodingOffset();
            case ExecutionModeRequestDecoder.TEMPLATE_ID:
                return ExecutionModeRequestDecoder.requestIdEncodingOffset();
            case UpstreamReplyDecoder.TEMPLATE_ID:
                return UpstreamReplyDecoder.callIdEncodingOffset();
            case UpstreamCallDecoder.TEMPLATE_ID:
                return UpstreamCallDecoder.callIdEncodingOffset();
            case RpcReplyDecoder.TEMPLATE_ID:
                return RpcReplyDecoder.requestIdEncodingOffset();
            case BlockDecisionDecoder.TEMPLATE_ID:
                return BlockDecisionDecoder.requestIdEncodingOffset();
            default:
                return -1;
        }
    }
}
