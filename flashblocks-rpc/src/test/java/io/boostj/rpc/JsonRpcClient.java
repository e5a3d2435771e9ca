package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain JSON-RPC-over-HTTP client for tests. */
final class JsonRpcClient
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    JsonRpcClient(final String url)
    {
        this.url = url;
    }

    static ObjectNode request(final String method, final Object... params)
    {
        final ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("jsonrpc", "2.0");
        r.put("id", 1);
        r.put("method", method);
        final ArrayNode p = r.putArray("params");
        for (final Object o : params)
        {
            p.add(o instanceof JsonNode ? (JsonNode)o : UpstreamRpc.MAPPER.valueToTree(o));
        }
        return r;
    }

    JsonNode post(final String body)
    {
        try
        {
            return UpstreamRpc.MAPPER.readTree(postAsync(body).join());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    CompletableFuture<String> postAsync(final String body)
    {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
    }

    JsonNode call(final String method, final Object... params)
    {
        return post(request(method, params).toString());
    }

    JsonNode result(final String method, final Object... params)
    {
        final JsonNode response = call(method, params);
        if (response.has("error"))
        {
            throw new IllegalStateException(method + " failed: " + response.get("error"));
        }
        return response.get("result");
    }
}
