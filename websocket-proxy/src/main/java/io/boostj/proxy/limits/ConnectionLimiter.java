package io.boostj.proxy.limits;

import java.util.concurrent.CompletionStage;

/**
 * Decides, before the WebSocket upgrade, whether one more connection fits the instance, per-IP and per-app limits.
 */
public interface ConnectionLimiter extends AutoCloseable
{
    /**
     * @param ip       the client IP ({@link ClientAddress}).
     * @param app      the API key's app, or null on the public route.
     * @param appLimit the app's limit, or {@link ApiKeys#UNLIMITED}.
     * @return completes with the admission; never completes exceptionally.
     */
    CompletionStage<Admission> acquire(String ip, String app, int appLimit);

    /** @return "local" or "redis", for logs and {@code /healthz}-style checks. */
    String mode();

    @Override
    void close();
}
