package io.boostj.rpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * The eth_call state override that makes the node's latest state look like pending state, as far as the flashblocks
 * metadata tells: the balances flashblocks reported and the nonces their transactions used. Storage and code written by
 * pending transactions are not known to the metadata, so they are not overridden (docs/FLASHBLOCKS-RPC.md).
 */
final class StateOverrides
{
    private StateOverrides()
    {
    }

    static ObjectNode of(final PendingState state)
    {
        final Map<String, String> balances = new HashMap<>();
        final Map<String, Long> nonces = new HashMap<>();
        for (final PendingBlock block : state.blocks())
        {
            balances.putAll(block.balances());
            for (final PendingTransaction tx : block.transactions())
            {
                if (!tx.deposit())
                {
                    nonces.put(tx.from(), tx.nonce() + 1);
                }
            }
        }
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        balances.forEach((address, balance) -> o.putObject(address).put("balance", balance));
        nonces.forEach((address, nonce) ->
        {
            final ObjectNode entry = o.has(address) ? (ObjectNode)o.get(address) : o.putObject(address);
            entry.put("nonce", Quantities.of(nonce));
        });
        return o;
    }
}
