package io.boostj.proxy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A proxy started in-process from a command line, on a random port, metrics off unless asked. */
final class RunningProxy implements AutoCloseable
{
    final ProxyRuntime runtime;
    final PrometheusRegistry registry = new PrometheusRegistry();

    RunningProxy(final String... args) throws Exception
    {
        final List<String> all = new ArrayList<>(List.of("--listen-addr", "127.0.0.1:0"));
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("--metrics")))
        {
            all.add("--metrics=false");
        }
        all.addAll(List.of(args));
        final ProxyArgs parsed = new ProxyArgs();
        new CommandLine(parsed).parseArgs(all.toArray(new String[0]));
        runtime = ProxyRuntime.start(parsed, registry);
    }

    String url(final String path)
    {
        return "ws://127.0.0.1:" + runtime.localAddress().getPort() + path;
    }

    String httpUrl(final String path)
    {
        return "http://127.0.0.1:" + runtime.localAddress().getPort() + path;
    }

    void awaitClients(final int count) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 5_000;
        while (runtime.hub().activeClients() != count && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(5);
        }
    }

    @Override
    public void close()
    {
        runtime.close();
    }
}
