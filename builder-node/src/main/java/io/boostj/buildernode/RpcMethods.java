package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A set of JSON-RPC methods: answers one call on the node's event loop, or throws {@link RpcException}.
 */
public interface RpcMethods
{
    /**
     * @param method the method name.
     * @param params the params (an array node, empty when absent).
     * @return the result; {@code null} is written as JSON null.
     * @throws RpcException with {@link RpcException#METHOD_NOT_FOUND} for a method of none of these sets, or the
     *                      method's own error.
     */
    JsonNode call(String method, JsonNode params);
}
