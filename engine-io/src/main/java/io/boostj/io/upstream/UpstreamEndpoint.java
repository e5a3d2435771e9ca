package io.boostj.io.upstream;

import java.net.URI;

/**
 * Where an upstream execution client listens: host, port and path, parsed from upstream rollup-boost's URL forms
 * ({@code 127.0.0.1:8551} without a scheme, or {@code http://host:port/path}).
 */
public final class UpstreamEndpoint
{
    private final String host;
    private final int port;
    private final String path;
    private final String text;

    private UpstreamEndpoint(final String host, final int port, final String path, final String text)
    {
        this.host = host;
        this.port = port;
        this.path = path;
        this.text = text;
    }

    /**
     * @param url the URL as given on the command line.
     * @return the endpoint.
     * @throws IllegalArgumentException for https (not supported yet), other schemes, or a malformed URL.
     */
    public static UpstreamEndpoint parse(final String url)
    {
        final String withScheme = url.contains("://") ? url : "http://" + url;
        final URI uri;
        try
        {
            uri = URI.create(withScheme);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("malformed upstream URL '" + url + "': " + ex.getMessage(), ex);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()))
        {
            throw new IllegalArgumentException("upstream URL '" + url + "': only http:// is supported (scheme " +
                uri.getScheme() + "); put TLS termination in front if the execution client is remote");
        }
        if (null == uri.getHost())
        {
            throw new IllegalArgumentException("upstream URL '" + url + "' has no host");
        }
        final int port = uri.getPort() > 0 ? uri.getPort() : 80;
        final String path = null == uri.getRawPath() || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new UpstreamEndpoint(uri.getHost(), port, path, "http://" + uri.getHost() + ":" + port + path);
    }

    /**
     * @return host name or address.
     */
    public String host()
    {
        return host;
    }

    /**
     * @return TCP port.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return request path.
     */
    public String path()
    {
        return path;
    }

    @Override
    public String toString()
    {
        return text;
    }
}
