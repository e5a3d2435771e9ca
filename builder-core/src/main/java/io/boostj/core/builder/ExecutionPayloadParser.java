package io.boostj.core.builder;

import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields {@link BuilderNode#newPayload} compares from an engine API execution payload (JSON) and the
 * request's parent beacon block root. Refuses, with the field named, anything missing or not of its form.
 */
public final class ExecutionPayloadParser
{
    private final JsonScanner scanner = new JsonScanner();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1024);
    private String error;

    /**
     * @param payloadJson           the executionPayload object.
     * @param parentBeaconBlockRoot 0x hex, the newPayload request's third param.
     * @return the fields, or null ({@link #error()} says which field is wrong).
     */
    public ExecutionPayloadFields parse(final String payloadJson, final String parentBeaconBlockRoot)
    {
        error = null;
        final byte[] json = payloadJson.getBytes(StandardCharsets.UTF_8);
        final byte[] padded = java.util.Arrays.copyOf(json, json.length + 16);
        scanner.wrap(new UnsafeBuffer(padded), 0, json.length);
        if (JsonScanner.VALID != scanner.validate())
        {
            error = "payload is not valid JSON: " + scanner.errorReason();
            return null;
        }
        String field = "parentBeaconBlockRoot";
        try
        {
            final byte[] beaconRoot = hexOf(parentBeaconBlockRoot, 32);
            field = "parentHash";
            final byte[] parentHash = bytes(field, 32);
            field = "feeRecipient";
            final Address feeRecipient = Address.of(bytes(field, 20));
            field = "stateRoot";
            final byte[] stateRoot = bytes(field, 32);
            field = "receiptsRoot";
            final byte[] receiptsRoot = bytes(field, 32);
            field = "prevRandao";
            final byte[] prevRandao = bytes(field, 32);
            field = "blockNumber";
            final long number = scanner.quantity(member(field));
            field = "gasLimit";
            final long gasLimit = scanner.quantity(member(field));
            field = "gasUsed";
            final long gasUsed = scanner.quantity(member(field));
            field = "timestamp";
            final long timestamp = scanner.quantity(member(field));
            field = "extraData";
            final byte[] extraData = bytes(field, -1);
            field = "baseFeePerGas";
            final BigInteger baseFee = new BigInteger(1, bytesOfQuantity(member(field)));
            field = "blockHash";
            final byte[] blockHash = bytes(field, 32);
            field = "transactions";
            final List<byte[]> transactions = new ArrayList<>();
            final int array = member(field);
            if (JsonScanner.ARRAY != scanner.kind(array))
            {
                throw new IllegalArgumentException("not an array");
            }
            for (int e = scanner.element(array, 0); e >= 0; e = scanner.nextElement(e))
            {
                final int n = scanner.hexBytes(e, scratch, 0, -1);
                final byte[] raw = new byte[n];
                scratch.getBytes(0, raw);
                transactions.add(raw);
            }
            return new ExecutionPayloadFields(parentHash, feeRecipient, stateRoot, receiptsRoot, prevRandao, number,
                gasLimit, gasUsed, timestamp, extraData, baseFee, blockHash, transactions, beaconRoot);
        }
        catch (final JsonException | IllegalArgumentException ex)
        {
            error = "invalid " + field + ": " + (ex instanceof JsonException ? ((JsonException)ex).reason() :
                ex.getMessage());
            return null;
        }
    }

    /** @return why the last parse failed, or null. */
    public String error()
    {
        return error;
    }

    private int member(final String name)
    {
        final int pos = scanner.member(0, name);
        if (pos < 0)
        {
            throw new IllegalArgumentException("missing");
        }
        return pos;
    }

    private byte[] bytes(final String name, final int length)
    {
        final int n = scanner.hexBytes(member(name), scratch, 0, length);
        final byte[] out = new byte[n];
        scratch.getBytes(0, out);
        return out;
    }

    private byte[] bytesOfQuantity(final int pos)
    {
        final int start = scanner.stringContentStart(pos);
        final int end = scanner.stringContentEnd(pos);
        final String text = scanner.buffer().getStringWithoutLengthAscii(start, end - start);
        if (!text.startsWith("0x") || text.length() < 3 || text.length() > 66)
        {
            throw new IllegalArgumentException("not a 256-bit quantity");
        }
        return new BigInteger(text.substring(2), 16).toByteArray();
    }

    private static byte[] hexOf(final String hex, final int length)
    {
        if (null == hex || !hex.startsWith("0x") || hex.length() != 2 + 2 * length)
        {
            throw new IllegalArgumentException("expected " + length + " bytes of 0x hex");
        }
        final byte[] out = new byte[length];
        for (int i = 0; i < length; i++)
        {
            final int hi = Character.digit(hex.charAt(2 + 2 * i), 16);
            final int lo = Character.digit(hex.charAt(3 + 2 * i), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException("not hex");
            }
            out[i] = (byte)(hi << 4 | lo);
        }
        return out;
    }
}
