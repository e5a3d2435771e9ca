package io.boostj.core.sidecar;

import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.core.json.JsonBytes;
import io.boostj.core.json.JsonRpcBodyWriter;
import org.agrona.DirectBuffer;

import static io.boostj.core.json.JsonRpcBodyWriter.ascii;

/**
 * Builds the params of the FCU that external-state-root mode sends to L2 (reference §1.7): the forkchoice state and
 * payload attributes cached from op-node's FCU, spliced byte for byte, except that the attributes'
 * {@code transactions} become the builder payload's transactions and {@code noTxPool} becomes {@code true}
 * (members replaced in place, or appended when absent). Everything else (timestamp, prevRandao, feeRecipient,
 * withdrawals, parentBeaconBlockRoot, gasLimit, eip1559Params, minBaseFee, ...) is kept as op-node sent it.
 * <p>
 * {@link #prepare} locates everything first, so that nothing is emitted for input it cannot splice.
 */
final class ExternalStateRootRequest
{
    private static final byte[] TRANSACTIONS_MEMBER = ascii("\"transactions\":");
    private static final byte[] NO_TX_POOL_TRUE = ascii("\"noTxPool\":true");
    private static final byte[] TRUE = ascii("true");

    private final JsonScanner paramsScanner = new JsonScanner();
    private final JsonScanner payloadScanner = new JsonScanner();
    private DirectBuffer paramsBuffer;
    private DirectBuffer payloadBuffer;
    private int stateStart;
    private int stateEnd;
    private int attrsStart;
    private int attrsEnd;
    private boolean attrsHasMembers;
    private int transactionsStart;
    private int transactionsEnd;
    private int noTxPoolStart;
    private int noTxPoolEnd;
    private int payloadTransactionsStart;
    private int payloadTransactionsEnd;

    /**
     * Locates the parts to splice.
     *
     * @param params        buffer holding the cached raw FCU params {@code [state, attributes]}.
     * @param paramsOffset  of the params.
     * @param paramsLength  of the params.
     * @param payload       buffer holding the builder's raw {@code executionPayload}.
     * @param payloadOffset of the payload.
     * @param payloadLength of the payload.
     * @return true if {@link #write(JsonRpcBodyWriter)} can run; false if the params have no attributes object or
     * the payload has no transactions array, or either is malformed.
     */
    boolean prepare(
        final DirectBuffer params,
        final int paramsOffset,
        final int paramsLength,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        try
        {
            paramsScanner.wrap(params, paramsOffset, paramsLength);
            final int state = paramsScanner.element(paramsOffset, 0);
            final int attrs = paramsScanner.element(paramsOffset, 1);
            if (state < 0 || attrs < 0 || JsonScanner.OBJECT != paramsScanner.kind(attrs))
            {
                return false;
            }
            paramsBuffer = params;
            stateStart = state;
            stateEnd = paramsScanner.valueEnd(state);
            attrsStart = attrs;
            attrsEnd = paramsScanner.valueEnd(attrs);
            final int afterBrace = JsonBytes.skipWhitespace(params, attrs + 1, attrsEnd);
            attrsHasMembers = '}' != params.getByte(afterBrace);

            transactionsStart = paramsScanner.member(attrs, "transactions");
            transactionsEnd = transactionsStart < 0 ? -1 : paramsScanner.valueEnd(transactionsStart);
            noTxPoolStart = paramsScanner.member(attrs, "noTxPool");
            noTxPoolEnd = noTxPoolStart < 0 ? -1 : paramsScanner.valueEnd(noTxPoolStart);

            payloadScanner.wrap(payload, payloadOffset, payloadLength);
            final int transactions = payloadScanner.member(payloadOffset, "transactions");
            if (transactions < 0 || JsonScanner.ARRAY != payloadScanner.kind(transactions))
            {
                return false;
            }
            payloadBuffer = payload;
            payloadTransactionsStart = transactions;
            payloadTransactionsEnd = payloadScanner.valueEnd(transactions);
            return true;
        }
        catch (final JsonException ex)
        {
            return false;
        }
    }

    /**
     * Writes {@code [state, attributes']} after a successful {@link #prepare}.
     *
     * @param w positioned where the params go.
     */
    void write(final JsonRpcBodyWriter w)
    {
        w.raw((byte)'[').raw(paramsBuffer, stateStart, stateEnd - stateStart).raw((byte)',');

        int cursor = attrsStart;
        final boolean transactionsFirst = transactionsStart >= 0 &&
            (noTxPoolStart < 0 || transactionsStart < noTxPoolStart);
        if (transactionsFirst)
        {
            cursor = replaceTransactions(w, cursor);
            if (noTxPoolStart >= 0)
            {
                cursor = replaceNoTxPool(w, cursor);
            }
        }
        else if (noTxPoolStart >= 0)
        {
            cursor = replaceNoTxPool(w, cursor);
            if (transactionsStart >= 0)
            {
                cursor = replaceTransactions(w, cursor);
            }
        }

        final int closingBrace = attrsEnd - 1;
        w.raw(paramsBuffer, cursor, closingBrace - cursor);
        boolean needsComma = attrsHasMembers;
        if (transactionsStart < 0)
        {
            if (needsComma)
            {
                w.raw((byte)',');
            }
            w.raw(TRANSACTIONS_MEMBER).raw(payloadBuffer, payloadTransactionsStart, transactionsLength());
            needsComma = true;
        }
        if (noTxPoolStart < 0)
        {
            if (needsComma)
            {
                w.raw((byte)',');
            }
            w.raw(NO_TX_POOL_TRUE);
        }
        w.raw((byte)'}').raw((byte)']');
    }

    private int replaceTransactions(final JsonRpcBodyWriter w, final int cursor)
    {
        w.raw(paramsBuffer, cursor, transactionsStart - cursor)
            .raw(payloadBuffer, payloadTransactionsStart, transactionsLength());
        return transactionsEnd;
    }

    private int replaceNoTxPool(final JsonRpcBodyWriter w, final int cursor)
    {
        w.raw(paramsBuffer, cursor, noTxPoolStart - cursor).raw(TRUE);
        return noTxPoolEnd;
    }

    private int transactionsLength()
    {
        return payloadTransactionsEnd - payloadTransactionsStart;
    }
}
