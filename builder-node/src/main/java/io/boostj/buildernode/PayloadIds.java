package io.boostj.buildernode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.engine.PayloadIdCalculator;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The payload id of a forkchoiceUpdated with attributes, derived as op-reth derives it: sha256 over the parent hash
 * and the attributes, first 8 bytes, byte 0 the payload version (4: what rollup-boost expects from a builder, so the
 * sidecar can expect our flashblocks before our answer). The same request gives the same id, across restarts too.
 */
final class PayloadIds
{
    /** The version byte op-reth stamps on every payload id. */
    static final int VERSION = 4;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SCANNER_PADDING = 16;

    private final PayloadIdCalculator calculator = new PayloadIdCalculator();
    private final JsonScanner scanner = new JsonScanner();
    private final UnsafeBuffer parent = new UnsafeBuffer(new byte[32]);

    /**
     * @param parentHash 32-byte parent (head) hash.
     * @param attributes the payload attributes as received.
     * @return the id as a long whose big-endian bytes are the id.
     * @throws RpcException (invalid params) if the attributes cannot be hashed.
     */
    long of(final byte[] parentHash, final JsonNode attributes)
    {
        final byte[] json;
        try
        {
            json = MAPPER.writeValueAsBytes(attributes);
        }
        catch (final JsonProcessingException ex)
        {
            throw RpcException.invalidParams("payload attributes: " + ex.getOriginalMessage());
        }
        parent.putBytes(0, parentHash, 0, 32);
        scanner.wrap(new UnsafeBuffer(Arrays.copyOf(json, json.length + SCANNER_PADDING)), 0, json.length);
        try
        {
            return calculator.computeAsLong(parent, 0, scanner, 0, VERSION);
        }
        catch (final JsonException ex)
        {
            throw RpcException.invalidParams("payload attributes: " + ex.getMessage());
        }
    }
}
