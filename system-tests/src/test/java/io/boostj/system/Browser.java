package io.boostj.system;

import java.io.File;

/**
 * Finds a headless-capable Chromium for the tests that look at a page: {@code CHROMIUM_BIN}, else {@code chromium} or
 * {@code chromium-browser} on the PATH. CI ({@code CI=true}) must have one: {@code .ci/run} installs Debian's.
 */
final class Browser
{
    private Browser()
    {
    }

    static String find()
    {
        final String configured = System.getenv("CHROMIUM_BIN");
        if (null != configured && new File(configured).canExecute())
        {
            return configured;
        }
        final String path = System.getenv("PATH");
        for (final String dir : null == path ? new String[0] : path.split(File.pathSeparator))
        {
            for (final String name : new String[]{"chromium", "chromium-browser"})
            {
                final File f = new File(dir, name);
                if (f.canExecute())
                {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    static boolean required()
    {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
