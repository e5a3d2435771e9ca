package io.boostj.replay;

import io.boostj.sbe.BlockDecisionDecoder;
import io.boostj.sbe.EngineCallRequestDecoder;
import io.boostj.sbe.EngineConfigDecoder;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeRequestDecoder;
import io.boostj.sbe.ExecutionModeUpdateDecoder;
import io.boostj.sbe.ForkchoiceUpdatedRequestDecoder;
import io.boostj.sbe.GetPayloadRequestDecoder;
import io.boostj.sbe.HealthUpdateDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.NewPayloadRequestDecoder;
import io.boostj.sbe.RpcReplyDecoder;
import io.boostj.sbe.TickDecoder;
import io.boostj.sbe.UpstreamCallDecoder;
import io.boostj.sbe.UpstreamReplyDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and decodes the engine's SBE messages for the tools, on top of the generated decoders' {@code appendTo}:
 * fixed-size byte arrays (hashes, payload ids) are shown as {@code 0x} hex, and var data (raw JSON params, bodies,
 * results, names) as UTF-8 text truncated to {@value #MAX_TEXT_CHARS} characters, or hex if it is not text. Not
 * thread-safe: the decoders are reused.
 */
public final class EngineMessages
{
    /**
     * Longest var-data text shown before truncation.
     */
    public static final int MAX_TEXT_CHARS = 200;

    private static final Pattern BYTE_ARRAY = Pattern.compile("^\\[(\\d{1,3}(,\\d{1,3})*)\\]$");
    private static final Pattern VAR_DATA = Pattern.compile("^(\\d+) bytes of raw data$");
    private static final HexFormat HEX = HexFormat.of();

    private final Int2ObjectHashMap<MessageDecoderFlyweight> decoders = new Int2ObjectHashMap<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ForkchoiceUpdatedRequestDecoder forkchoice = new ForkchoiceUpdatedRequestDecoder();
    private final GetPayloadRequestDecoder getPayload = new GetPayloadRequestDecoder();
    private final NewPayloadRequestDecoder newPayload = new NewPayloadRequestDecoder();
    private final EngineCallRequestDecoder engineCall = new EngineCallRequestDecoder();
    private final UpstreamReplyDecoder upstreamReply = new UpstreamReplyDecoder();
    private final UpstreamCallDecoder upstreamCall = new UpstreamCallDecoder();
    private final EngineSnapshotDecoder snapshot = new EngineSnapshotDecoder();
    private final StringBuilder scratch = new StringBuilder(1024);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * One decoded message: its template name and its fields, in schema order, as display strings.
     *
     * @param name   template name, or {@code unknown(schema/template)}.
     * @param fields name and value pairs.
     */
    public record Decoded(String name, List<Field> fields)
    {
        /**
         * Fields as {@code name=value|name=value}, the shape of the SBE decoders' {@code toString}.
         *
         * @return the fields on one line.
         */
        public String fieldsText()
        {
            final StringBuilder builder = new StringBuilder();
            for (int i = 0; i < fields.size(); i++)
            {
                if (i > 0)
                {
                    builder.append('|');
                }
                final Field field = fields.get(i);
                builder.append(field.name()).append('=').append(field.value());
            }
            return builder.toString();
        }
    }

    /**
     * A field for display.
     *
     * @param name    field name.
     * @param value   display value.
     * @param numeric true if the value is a plain integer.
     */
    public record Field(String name, String value, boolean numeric)
    {
    }

    /**
     * A registry over every message of the engine schema.
     */
    public EngineMessages()
    {
        register(forkchoice);
        register(getPayload);
        register(newPayload);
        register(engineCall);
        register(upstreamReply);
        register(new TickDecoder());
        register(new ExecutionModeRequestDecoder());
        register(upstreamCall);
        register(new RpcReplyDecoder());
        register(new HealthUpdateDecoder());
        register(new BlockDecisionDecoder());
        register(new ExecutionModeUpdateDecoder());
        register(new EngineConfigDecoder());
        register(new io.boostj.sbe.FlashblockReceivedDecoder());
        register(new io.boostj.sbe.FlashblockDecisionDecoder());
        register(new io.boostj.sbe.FlashblockAssemblyDecoder());
        register(new io.boostj.sbe.BlockHashCheckDecoder());
        register(new io.boostj.sbe.SnapshotRequestDecoder());
        register(snapshot);
    }

    /**
     * Template name of a message.
     *
     * @param schemaId   SBE schema id.
     * @param templateId SBE template id.
     * @return e.g. {@code ForkchoiceUpdatedRequest}, or {@code unknown(7001/99)}.
     */
    public String templateName(final int schemaId, final int templateId)
    {
        final MessageDecoderFlyweight decoder = MessageHeaderDecoder.SCHEMA_ID == schemaId ?
            decoders.get(templateId) : null;
        return null == decoder ? "unknown(" + schemaId + "/" + templateId + ")" : nameOf(decoder);
    }

    /**
     * All template names of the engine schema, by template id order.
     *
     * @return the names.
     */
    public List<String> templateNames()
    {
        final List<Integer> ids = new ArrayList<>(decoders.keySet());
        ids.sort(Integer::compare);
        final List<String> names = new ArrayList<>();
        for (final int id : ids)
        {
            names.add(nameOf(decoders.get(id)));
        }
        return names;
    }

    /**
     * Decode a message for display. Never throws: an undecodable body is shown as hex with the reason.
     *
     * @param buffer holding the message.
     * @param offset of its SBE header.
     * @param length of header plus body.
     * @return the decoded message.
     */
    public Decoded decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return new Decoded("unknown", List.of(new Field("bytes", hex(buffer, offset, length), false)));
        }

        header.wrap(buffer, offset);
        final int schemaId = header.schemaId();
        final int templateId = header.templateId();
        final MessageDecoderFlyweight decoder = MessageHeaderDecoder.SCHEMA_ID == schemaId ?
            decoders.get(templateId) : null;
        if (null == decoder)
        {
            return new Decoded(
                templateName(schemaId, templateId), List.of(new Field("bytes", hex(buffer, offset, length), false)));
        }

        try
        {
            final int blockLength = header.blockLength();
            final int version = header.version();
            final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            decoder.wrap(buffer, bodyOffset, blockLength, version);
            if (decoder == snapshot)
            {
                return snapshotSummary(length);
            }
            scratch.setLength(0);
            decoder.appendTo(scratch);

            final List<Field> fields = new ArrayList<>();
            if (version != decoder.sbeSchemaVersion())
            {
                fields.add(new Field("sbeSchemaVersion", Integer.toString(version), true));
            }
            final int start = scratch.indexOf("):");
            final String[] parts = scratch.substring(start + 2).split("\\|");
            int varOffset = bodyOffset + blockLength;
            for (final String part : parts)
            {
                final int eq = part.indexOf('=');
                if (eq < 0)
                {
                    continue;
                }
                final String name = part.substring(0, eq);
                final String value = part.substring(eq + 1);
                final Matcher varData = VAR_DATA.matcher(value);
                if (varData.matches())
                {
                    final int varLength = buffer.getInt(varOffset, MessageHeaderDecoder.BYTE_ORDER);
                    if (varLength < 0 || varOffset + 4 + varLength > offset + length)
                    {
                        throw new IllegalStateException(name + " of " + (varLength & 0xFFFF_FFFFL) +
                            " bytes runs past the end of the message");
                    }
                    fields.add(new Field(name, text(buffer, varOffset + 4, varLength), false));
                    varOffset += 4 + varLength;
                }
                else
                {
                    fields.add(field(name, value));
                }
            }

            return new Decoded(nameOf(decoder), fields);
        }
        catch (final RuntimeException ex)
        {
            return new Decoded(nameOf(decoder), List.of(
                new Field("undecodable", String.valueOf(ex), false),
                new Field("bytes", hex(buffer, offset, length), false)));
        }
    }

    /**
     * An engine snapshot's state fields and the sizes of its tables (their contents are engine internals).
     */
    private Decoded snapshotSummary(final int length)
    {
        final EngineSnapshotDecoder d = snapshot;
        final List<Field> fields = new ArrayList<>();
        fields.add(new Field("snapshotId", Long.toString(d.snapshotId()), true));
        fields.add(new Field("status", d.status().name(), false));
        fields.add(new Field("nowNs", Long.toString(d.nowNs()), true));
        fields.add(new Field("eventsApplied", Long.toString(d.eventsApplied()), true));
        fields.add(new Field("health", d.health().name(), false));
        fields.add(new Field("executionMode", d.executionMode().name(), false));
        fields.add(new Field("nextCallId", Long.toString(d.nextCallId()), true));
        final EngineSnapshotDecoder.PayloadIdsDecoder payloadIds = d.payloadIds();
        fields.add(new Field("payloadIds", Integer.toString(payloadIds.count()), true));
        while (payloadIds.hasNext())
        {
            payloadIds.next();
        }
        final EngineSnapshotDecoder.FcuParamsDecoder fcuParams = d.fcuParams();
        fields.add(new Field("fcuParams", Integer.toString(fcuParams.count()), true));
        while (fcuParams.hasNext())
        {
            fcuParams.next().skipParams();
        }
        final EngineSnapshotDecoder.AcceptedFlashblocksDecoder accepted = d.acceptedFlashblocks();
        fields.add(new Field("acceptedFlashblocks", Integer.toString(accepted.count()), true));
        while (accepted.hasNext())
        {
            accepted.next().skipJson();
        }
        final EngineSnapshotDecoder.PendingFlashblocksDecoder pending = d.pendingFlashblocks();
        fields.add(new Field("pendingFlashblocks", Integer.toString(pending.count()), true));
        while (pending.hasNext())
        {
            pending.next().skipJson();
        }
        fields.add(new Field("engineConfigBytes", Integer.toString(d.engineConfigLength()), true));
        fields.add(new Field("bytes", Integer.toString(length), true));
        return new Decoded(nameOf(snapshot), fields);
    }

    /**
     * Decode a message on one line: the template name and its fields.
     *
     * @param buffer holding the message.
     * @param offset of its SBE header.
     * @param length of header plus body.
     * @return e.g. {@code RpcReply requestId=7|httpStatus=200|body={"jsonrpc":...}}.
     */
    public String toText(final DirectBuffer buffer, final int offset, final int length)
    {
        final Decoded decoded = decode(buffer, offset, length);
        return decoded.name() + " " + decoded.fieldsText();
    }

    /**
     * The Engine API method a message is about, for filtering: the {@code method} field of requests, upstream calls
     * and replies; {@code FORKCHOICE_UPDATED_V3} for a forkchoice request; null for the others.
     *
     * @param buffer holding the message.
     * @param offset of its SBE header.
     * @param length of header plus body.
     * @return the method, or null.
     */
    public EngineMethod method(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return null;
        }
        header.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId())
        {
            return null;
        }

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        try
        {
            switch (header.templateId())
            {
                case ForkchoiceUpdatedRequestDecoder.TEMPLATE_ID:
                    return EngineMethod.FORKCHOICE_UPDATED_V3;
                case GetPayloadRequestDecoder.TEMPLATE_ID:
                    return methodOf(getPayload.wrap(buffer, bodyOffset, blockLength, version).methodRaw());
                case NewPayloadRequestDecoder.TEMPLATE_ID:
                    return methodOf(newPayload.wrap(buffer, bodyOffset, blockLength, version).methodRaw());
                case EngineCallRequestDecoder.TEMPLATE_ID:
                    return methodOf(engineCall.wrap(buffer, bodyOffset, blockLength, version).methodRaw());
                case UpstreamReplyDecoder.TEMPLATE_ID:
                    return methodOf(upstreamReply.wrap(buffer, bodyOffset, blockLength, version).methodRaw());
                case UpstreamCallDecoder.TEMPLATE_ID:
                    return methodOf(upstreamCall.wrap(buffer, bodyOffset, blockLength, version).methodRaw());
                default:
                    return null;
            }
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * The request an upstream call was made for, for filtering by correlation id.
     *
     * @param buffer holding the message.
     * @param offset of its SBE header.
     * @param length of header plus body.
     * @return the {@code causeRequestId} of an {@code UpstreamCall}, or 0 for any other message.
     */
    public long causeRequestId(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + UpstreamCallDecoder.BLOCK_LENGTH)
        {
            return 0;
        }
        header.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId() ||
            UpstreamCallDecoder.TEMPLATE_ID != header.templateId())
        {
            return 0;
        }

        return upstreamCall.wrap(
            buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version())
            .causeRequestId();
    }

    /**
     * Parse a method filter: a template name ({@code GetPayloadRequest}), an {@link EngineMethod} name
     * ({@code NEW_PAYLOAD_V4}) or a JSON-RPC method ({@code engine_newPayloadV4}, {@code eth_getBlockByNumber}),
     * case-insensitively.
     *
     * @param filter the text.
     * @return the template name or method it names.
     * @throws IllegalArgumentException if it names nothing.
     */
    public MethodFilter parseMethodFilter(final String filter)
    {
        final String trimmed = filter.trim();
        for (final String name : templateNames())
        {
            if (name.equalsIgnoreCase(trimmed))
            {
                return new MethodFilter(name, null);
            }
        }

        final String enumName = toEnumName(trimmed);
        for (final EngineMethod method : EngineMethod.values())
        {
            if (EngineMethod.NULL_VAL != method && method.name().equals(enumName))
            {
                return new MethodFilter(null, method);
            }
        }

        throw new IllegalArgumentException("unknown method or message type '" + filter + "': one of " +
            templateNames() + " or an Engine API method such as engine_newPayloadV4");
    }

    /**
     * What a {@code --method} filter matches: a template, or an Engine API method.
     *
     * @param templateName the template name, or null.
     * @param method       the Engine API method, or null.
     */
    public record MethodFilter(String templateName, EngineMethod method)
    {
    }

    static String toEnumName(final String text)
    {
        String name = text;
        String prefix = "";
        if (name.startsWith("engine_"))
        {
            name = name.substring("engine_".length());
        }
        else if (name.startsWith("eth_"))
        {
            name = name.substring("eth_".length());
            prefix = "ETH_";
        }

        final StringBuilder builder = new StringBuilder(prefix);
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 &&
                (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))))
            {
                builder.append('_');
            }
            builder.append(Character.toUpperCase(c));
        }
        return builder.toString().toUpperCase(Locale.ROOT);
    }

    private static EngineMethod methodOf(final short raw)
    {
        for (final EngineMethod method : EngineMethod.values())
        {
            if (method.value() == raw && EngineMethod.NULL_VAL != method)
            {
                return method;
            }
        }
        return null;
    }

    private String text(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            return "";
        }

        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final String text;
        try
        {
            text = utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            return hexTruncated(bytes);
        }
        if (!isPrintable(text))
        {
            return hexTruncated(bytes);
        }

        final String shown = text.length() <= MAX_TEXT_CHARS ? text :
            text.substring(0, MAX_TEXT_CHARS) + "...(" + length + " bytes)";
        return shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static boolean isPrintable(final CharSequence text)
    {
        final CharBuffer chars = CharBuffer.wrap(text);
        while (chars.hasRemaining())
        {
            final char c = chars.get();
            if (Character.isISOControl(c) && '\n' != c && '\r' != c && '\t' != c)
            {
                return false;
            }
        }
        return true;
    }

    private static String hexTruncated(final byte[] bytes)
    {
        final int shown = Math.min(bytes.length, MAX_TEXT_CHARS / 2);
        final String hex = "0x" + HEX.formatHex(bytes, 0, shown);
        return shown == bytes.length ? hex : hex + "...(" + bytes.length + " bytes)";
    }

    private static String hex(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[Math.max(0, length)];
        buffer.getBytes(offset, bytes);
        return hexTruncated(bytes);
    }

    private static Field field(final String name, final String value)
    {
        final Matcher array = BYTE_ARRAY.matcher(value);
        if (array.matches())
        {
            final String[] items = array.group(1).split(",");
            final byte[] bytes = new byte[items.length];
            for (int i = 0; i < items.length; i++)
            {
                bytes[i] = (byte)Integer.parseInt(items[i]);
            }
            return new Field(name, "0x" + HEX.formatHex(bytes), false);
        }

        return new Field(name, value, isInteger(value));
    }

    private static boolean isInteger(final String value)
    {
        if (value.isEmpty() || value.length() > 20)
        {
            return false;
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (!(Character.isDigit(c) || (0 == i && '-' == c && value.length() > 1)))
            {
                return false;
            }
        }
        return true;
    }

    private void register(final MessageDecoderFlyweight decoder)
    {
        decoders.put(decoder.sbeTemplateId(), decoder);
    }

    private static String nameOf(final MessageDecoderFlyweight decoder)
    {
        final String simpleName = decoder.getClass().getSimpleName();
        return simpleName.endsWith("Decoder") ? simpleName.substring(0, simpleName.length() - "Decoder".length()) :
            simpleName;
    }
}
