package io.boostj.replay;

/**
 * The little JSON the tools write: string escaping and a fluent object writer. One object per call site; not a
 * general-purpose JSON library.
 */
final class Json
{
    private final StringBuilder builder = new StringBuilder(256);
    private boolean first = true;

    Json()
    {
        builder.append('{');
    }

    Json field(final String name, final String value)
    {
        key(name);
        if (null == value)
        {
            builder.append("null");
        }
        else
        {
            quote(builder, value);
        }
        return this;
    }

    Json field(final String name, final long value)
    {
        key(name);
        builder.append(value);
        return this;
    }

    Json field(final String name, final boolean value)
    {
        key(name);
        builder.append(value);
        return this;
    }

    Json raw(final String name, final String json)
    {
        key(name);
        builder.append(json);
        return this;
    }

    String end()
    {
        builder.append('}');
        return builder.toString();
    }

    private void key(final String name)
    {
        if (!first)
        {
            builder.append(',');
        }
        first = false;
        quote(builder, name);
        builder.append(':');
    }

    static String quote(final String value)
    {
        final StringBuilder builder = new StringBuilder(value.length() + 2);
        quote(builder, value);
        return builder.toString();
    }

    static void quote(final StringBuilder builder, final CharSequence value)
    {
        builder.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"':
                    builder.append("\\\"");
                    break;
                case '\\':
                    builder.append("\\\\");
                    break;
                case '\n':
                    builder.append("\\n");
                    break;
                case '\r':
                    builder.append("\\r");
                    break;
                case '\t':
                    builder.append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        builder.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        builder.append(c);
                    }
            }
        }
        builder.append('"');
    }

    static String fields(final EngineMessages.Decoded decoded)
    {
        final Json json = new Json();
        for (final EngineMessages.Field field : decoded.fields())
        {
            if (field.numeric())
            {
                json.raw(field.name(), field.value());
            }
            else
            {
                json.field(field.name(), field.value());
            }
        }
        return json.end();
    }
}
