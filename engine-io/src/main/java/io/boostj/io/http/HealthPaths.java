package io.boostj.io.http;

/**
 * The probe endpoints upstream serves on the RPC port (reference §1.10), for any HTTP method.
 */
public final class HealthPaths
{
    private HealthPaths()
    {
    }

    /**
     * @param httpStatus current health as an HTTP status.
     * @return the body upstream writes for it.
     */
    public static String healthBody(final int httpStatus)
    {
        switch (httpStatus)
        {
            case 200:
                return "OK";
            case 206:
                return "Partial Content";
            default:
                return "Service Unavailable";
        }
    }

    /**
     * @param uri request URI.
     * @return the path without the query string.
     */
    public static String path(final String uri)
    {
        final int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
