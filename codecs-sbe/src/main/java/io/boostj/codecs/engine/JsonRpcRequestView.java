package io.boostj.codecs.engine;

import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;

/**
 * Flyweight over one JSON-RPC 2.0 request object held by a {@link JsonScanner}: finds the {@code jsonrpc},
 * {@code id}, {@code method} and {@code params} members in a single pass and exposes their spans as absolute indexes.
 * <p>
 * Wrap it after {@link JsonScanner#validate()} succeeded. The spans of the members that were found stay available after
 * a failed {@link #wrap(JsonScanner, int)}, so an error reply can still echo the request id.
 */
public final class JsonRpcRequestView
{
    /**
     * {@link #wrap(JsonScanner, int)} result for a well-formed request.
     */
    public static final int OK = 0;

    private static final String ERR_NOT_OBJECT = "request is not a JSON object";
    private static final String ERR_VERSION = "jsonrpc must be \"2.0\"";
    private static final String ERR_METHOD = "method must be a string";
    private static final String ERR_ID = "id must be a string, a number or null";
    private static final String ERR_PARAMS = "params must be an array or an object";
    private static final String ERR_MALFORMED = "malformed request object";

    private JsonScanner scanner;
    private int jsonrpcPos;
    private int idStart;
    private int idEnd;
    private int methodPos;
    private int methodStart;
    private int methodEnd;
    private int paramsStart;
    private int paramsEnd;
    private String errorMessage;

    /**
     * Wraps the request object at {@code requestPos} and checks its envelope: it must be an object with
     * {@code "jsonrpc":"2.0"}, a string {@code method}, an optional {@code id} that is a string, number or null, and
     * optional {@code params} that are an array or an object. Member names are matched raw; the first occurrence of a
     * repeated member wins.
     *
     * @param scanner    a scanner wrapping the request bytes.
     * @param requestPos absolute index at or before the request object.
     * @return {@link #OK}, or {@link JsonRpcError#INVALID_REQUEST} with {@link #errorMessage()} saying why.
     */
    public int wrap(final JsonScanner scanner, final int requestPos)
    {
        this.scanner = scanner;
        jsonrpcPos = -1;
        idStart = -1;
        idEnd = -1;
        methodPos = -1;
        methodStart = -1;
        methodEnd = -1;
        paramsStart = -1;
        paramsEnd = -1;
        errorMessage = null;

        try
        {
            if (scanner.kind(requestPos) != JsonScanner.OBJECT)
            {
                return fail(ERR_NOT_OBJECT);
            }
            scanMembers(scanner.valueStart(requestPos));
        }
        catch (final JsonException ex)
        {
            return fail(ERR_MALFORMED);
        }

        if (idStart >= 0)
        {
            final byte kind = scanner.kind(idStart);
            if (kind != JsonScanner.STRING && kind != JsonScanner.NUMBER && kind != JsonScanner.NULL)
            {
                return fail(ERR_ID);
            }
        }
        if (jsonrpcPos < 0 || !scanner.stringEquals(jsonrpcPos, "2.0"))
        {
            return fail(ERR_VERSION);
        }
        if (methodPos < 0 || scanner.kind(methodPos) != JsonScanner.STRING)
        {
            return fail(ERR_METHOD);
        }
        methodStart = scanner.stringContentStart(methodPos);
        methodEnd = scanner.stringContentEnd(methodPos);
        if (paramsStart >= 0)
        {
            final byte kind = scanner.kind(paramsStart);
            if (kind != JsonScanner.ARRAY && kind != JsonScanner.OBJECT)
            {
                return fail(ERR_PARAMS);
            }
        }
        return OK;
    }

    /**
     * Why the last {@link #wrap(JsonScanner, int)} failed.
     *
     * @return a constant message, or null after a successful wrap.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * The buffer holding the request.
     *
     * @return the scanner's buffer.
     */
    public DirectBuffer buffer()
    {
        return scanner.buffer();
    }

    /**
     * The scanner this view reads through.
     *
     * @return the scanner given to {@link #wrap(JsonScanner, int)}.
     */
    public JsonScanner scanner()
    {
        return scanner;
    }

    /**
     * Index of the first byte of the method name (inside the quotes, escapes not decoded).
     *
     * @return the index, or -1 if there is no valid method.
     */
    public int methodStart()
    {
        return methodStart;
    }

    /**
     * Index just past the last byte of the method name (the closing quote).
     *
     * @return the index, or -1 if there is no valid method.
     */
    public int methodEnd()
    {
        return methodEnd;
    }

    /**
     * Is there an {@code id} member?
     *
     * @return true if present (even when {@code null}); false for a notification.
     */
    public boolean hasId()
    {
        return idStart >= 0;
    }

    /**
     * Index of the first byte of the raw id value (number, string with its quotes, or {@code null}).
     *
     * @return the index, or -1 if absent.
     */
    public int idStart()
    {
        return idStart;
    }

    /**
     * Index just past the last byte of the raw id value.
     *
     * @return the index, or -1 if absent.
     */
    public int idEnd()
    {
        return idEnd;
    }

    /**
     * Length of the raw id value.
     *
     * @return the length, 0 if absent.
     */
    public int idLength()
    {
        return idStart < 0 ? 0 : idEnd - idStart;
    }

    /**
     * Is there a {@code params} member?
     *
     * @return true if present.
     */
    public boolean hasParams()
    {
        return paramsStart >= 0;
    }

    /**
     * Index of the first byte of the raw params value (its opening bracket or brace).
     *
     * @return the index, or -1 if absent.
     */
    public int paramsStart()
    {
        return paramsStart;
    }

    /**
     * Index just past the last byte of the raw params value.
     *
     * @return the index, or -1 if absent.
     */
    public int paramsEnd()
    {
        return paramsEnd;
    }

    /**
     * Length of the raw params value.
     *
     * @return the length, 0 if absent.
     */
    public int paramsLength()
    {
        return paramsStart < 0 ? 0 : paramsEnd - paramsStart;
    }

    /**
     * Routes the method.
     *
     * @return the route, or null if the last wrap found no valid method.
     */
    public MethodRouting routing()
    {
        return methodStart < 0 ? null : MethodRouting.classify(scanner.buffer(), methodStart, methodEnd);
    }

    private void scanMembers(final int objectStart)
    {
        for (int name = scanner.firstMember(objectStart); name >= 0; )
        {
            final int value = scanner.memberValue(name);
            final int valueEnd = scanner.valueEnd(value);
            final int nameStart = name + 1;
            final int nameEnd = scanner.stringContentEnd(name);
            final int nameLength = nameEnd - nameStart;
            if (nameLength == 2 && idStart < 0 && scanner.rawEquals(nameStart, nameEnd, "id"))
            {
                idStart = value;
                idEnd = valueEnd;
            }
            else if (nameLength == 6 && methodPos < 0 && scanner.rawEquals(nameStart, nameEnd, "method"))
            {
                methodPos = value;
            }
            else if (nameLength == 6 && paramsStart < 0 && scanner.rawEquals(nameStart, nameEnd, "params"))
            {
                paramsStart = value;
                paramsEnd = valueEnd;
            }
            else if (nameLength == 7 && jsonrpcPos < 0 && scanner.rawEquals(nameStart, nameEnd, "jsonrpc"))
            {
                jsonrpcPos = value;
            }
            name = scanner.nextMemberFrom(valueEnd);
        }
    }

    private int fail(final String message)
    {
        errorMessage = message;
        return JsonRpcError.INVALID_REQUEST;
    }
}
