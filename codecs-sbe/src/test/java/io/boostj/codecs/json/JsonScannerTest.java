package io.boostj.codecs.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonScannerTest
{
    private static final int PAD = 7;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern QUANTITY = Pattern.compile("0x[0-9a-fA-F]{1,16}");
    private static final Pattern DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

    private final JsonScanner scanner = new JsonScanner();

    private JsonScanner wrap(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return scanner.wrap(TestData.padded(bytes, PAD), PAD, bytes.length);
    }

    private JsonScanner wrapBytes(final byte[] bytes)
    {
        return scanner.wrap(TestData.padded(bytes, PAD), PAD, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "  {\"a\":1}  ", "\"x\"", "0", "-0", "1.5e-10", "2E+3", "-12.75", "true", "false", "null",
        "[1,[2,{\"a\":\"\\u00e9\\n\\\"\\\\\\/\\b\\f\\r\\t\"}]]", "\"caf\u00e9 \u20ac \uD83D\uDE00\"",
        "\t\r\n[ 1 , 2 ]\n", "{\"a\":{\"b\":[]},\"c\":[{}],\"d\":null}", "\"\"", "[\"\\uD800\"]",
    })
    void shouldAcceptWellFormedJson(final String json) throws Exception
    {
        assertEquals(JsonScanner.VALID, wrap(json).validate(), json);
        assertNull(scanner.errorReason());
        MAPPER.readTree(json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|0", "`   `|3", "{|1", "{\"a\"|4", "{\"a\":}|5", "{\"a\":1,}|7", "[1,]|3", "[1 2]|3", "\"abc|4",
        "\"\\x\"|2", "\"\\u12G4\"|5", "\"\\u12|5", "01|1", "1.|2", "1.e5|2", "1e|2", "1e+|3", "-|1", "-a|1", "+1|0",
        ".5|0", "tru|3", "trux|3", "nul|3", "{} x|3", "{}{}|2", "{'a':1}|1", "[|1", "[1|2", "{\"a\" 1}|5",
        "NaN|0", "[1]]|3", "{\"a\":1]|6", "[1}|2", "\"a\\|3",
    })
    void shouldRejectMalformedJsonAtTheFirstError(final String json, final int errorIndex)
    {
        final int result = wrap(json).validate();
        assertEquals(PAD + errorIndex, result, json);
        assertNotNull(scanner.errorReason());
    }

    @Test
    void shouldRejectControlCharactersInStrings()
    {
        assertEquals(PAD + 2, wrap("\"a\u0001b\"").validate());
        assertEquals(PAD + 2, wrap("\"a\nb\"").validate());
        assertEquals(PAD + 2, wrap("\"a\tb\"").validate());
        assertEquals("control character in string", scanner.errorReason());
    }

    @Test
    void shouldRejectInvalidUtf8InStrings()
    {
        assertEquals(PAD + 1, wrapBytes(new byte[]{ '"', (byte)0xC0, (byte)0x80, '"' }).validate());
        assertEquals(PAD + 2, wrapBytes(new byte[]{ '"', (byte)0xED, (byte)0xA0, (byte)0x80, '"' }).validate());
        assertEquals(PAD + 2, wrapBytes(new byte[]{ '"', (byte)0xE0, (byte)0x80, (byte)0x80, '"' }).validate());
        assertEquals(PAD + 2, wrapBytes(new byte[]{ '"', (byte)0xF0, (byte)0x80, (byte)0x80, (byte)0x80, '"' }).validate());
        assertEquals(PAD + 2, wrapBytes(new byte[]{ '"', (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80, '"' }).validate());
        assertEquals(PAD + 1, wrapBytes(new byte[]{ '"', (byte)0xF5, (byte)0x80, (byte)0x80, (byte)0x80, '"' }).validate());
        assertEquals(PAD + 2, wrapBytes(new byte[]{ '"', (byte)0xC3, 'a', '"' }).validate());
        assertEquals(PAD + 3, wrapBytes(new byte[]{ '"', (byte)0xE2, (byte)0x82 }).validate());
        assertEquals(PAD + 0, wrapBytes(new byte[]{ (byte)0xEF, (byte)0xBB, (byte)0xBF, '{', '}' }).validate());
    }

    @Test
    void shouldAcceptNestingOf512AndRejectNestingOf513()
    {
        assertEquals(JsonScanner.VALID, wrap("[".repeat(512) + "]".repeat(512)).validate());
        assertEquals(JsonScanner.VALID, wrap("{\"a\":".repeat(512) + "1" + "}".repeat(512)).validate());
        assertEquals(PAD + 512, wrap("[".repeat(513) + "]".repeat(513)).validate());
        assertEquals("nesting deeper than 512", scanner.errorReason());
    }

    @Test
    void shouldTrackContainerKindsAcrossDeepMixedNesting()
    {
        final StringBuilder open = new StringBuilder();
        final StringBuilder close = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            if (i % 3 == 0)
            {
                open.append("{\"k\":");
                close.insert(0, '}');
            }
            else
            {
                open.append("[0,");
                close.insert(0, ']');
            }
        }
        final String json = open + "null" + close;
        assertEquals(JsonScanner.VALID, wrap(json).validate());
        final String swapped = open + "null" + close.toString().replace('}', ')').replace(']', '}').replace(')', ']');
        assertEquals(PAD + open.length() + 4, wrap(swapped).validate());
    }

    @Test
    void shouldValidateOnlyTheWrappedRange()
    {
        final byte[] bytes = "xx{\"a\":[1,2]}yy".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        assertEquals(JsonScanner.VALID, scanner.wrap(buffer, 2, 11).validate());
        assertEquals(12, scanner.wrap(buffer, 2, 10).validate());
        assertEquals(2, scanner.wrap(buffer, 2, 12).elementCount(scanner.member(2, "a")));
    }

    @Test
    void shouldRejectARangeOutsideTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> scanner.wrap(buffer, 4, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> scanner.wrap(buffer, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> scanner.wrap(buffer, 0, -1));
    }

    @Test
    void shouldValidateTheErrorCasesAsJsonTheWaySpecSays() throws Exception
    {
        final JsonNode cases = MAPPER.readTree(TestData.bytes("engine-api/engine_error_cases.json")).get("cases");
        assertEquals(16, cases.size());
        int parseErrors = 0;
        for (final JsonNode c : cases)
        {
            final String json = c.has("raw") ? c.get("raw").asText() : MAPPER.writeValueAsString(c.get("request"));
            final int result = wrap(json).validate();
            if (c.path("expectError").asInt() == -32700)
            {
                parseErrors++;
                assertEquals(PAD + json.length(), result, c.get("name").asText());
            }
            else
            {
                assertEquals(JsonScanner.VALID, result, c.get("name").asText());
            }
        }
        assertEquals(1, parseErrors);
    }

    @Test
    void shouldNavigateObjectsAndArrays()
    {
        final String json = " { \"a\" : 1 , \"b\":[true, false ,null,\"s\" , {\"x\":\"y\"}], \"c\" : { } , \"d\":[ ] } ";
        wrap(json);
        assertEquals(JsonScanner.VALID, scanner.validate());
        final int root = scanner.valueStart(PAD);
        assertEquals(PAD + 1, root);
        assertEquals(JsonScanner.OBJECT, scanner.kind(PAD));
        assertEquals(PAD + json.length() - 1, scanner.valueEnd(PAD));

        final int a = scanner.member(root, "a");
        assertEquals(JsonScanner.NUMBER, scanner.kind(a));
        assertEquals(1, scanner.quantity(a));
        assertEquals(a + 1, scanner.valueEnd(a));

        final int b = scanner.member(root, "b");
        assertEquals(JsonScanner.ARRAY, scanner.kind(b));
        assertEquals(5, scanner.elementCount(b));
        assertTrue(scanner.booleanValue(scanner.element(b, 0)));
        assertFalse(scanner.booleanValue(scanner.element(b, 1)));
        assertTrue(scanner.isNull(scanner.element(b, 2)));
        assertEquals(JsonScanner.TRUE, scanner.kind(scanner.element(b, 0)));
        assertEquals(JsonScanner.FALSE, scanner.kind(scanner.element(b, 1)));
        assertEquals(JsonScanner.NULL, scanner.kind(scanner.element(b, 2)));
        assertEquals(JsonScanner.STRING, scanner.kind(scanner.element(b, 3)));
        assertTrue(scanner.stringEquals(scanner.element(b, 3), "s"));
        assertTrue(scanner.stringEquals(scanner.member(scanner.element(b, 4), "x"), "y"));
        assertEquals(-1, scanner.element(b, 5));
        assertEquals(-1, scanner.element(b, -1));

        final int c = scanner.member(root, "c");
        assertEquals(JsonScanner.OBJECT, scanner.kind(c));
        assertEquals(-1, scanner.member(c, "a"));
        assertEquals(-1, scanner.elementCount(c));
        assertEquals(0, scanner.elementCount(scanner.member(root, "d")));
        assertEquals(-1, scanner.element(scanner.member(root, "d"), 0));

        assertEquals(-1, scanner.member(root, "e"));
        assertEquals(-1, scanner.member(root, "A"));
        assertEquals(-1, scanner.member(b, "a"));
        assertEquals(-1, scanner.member(-1, "a"));
        assertEquals(-1, scanner.element(-1, 0));
        assertEquals(-1, scanner.elementCount(-1));
        assertEquals(-1, scanner.element(a, 0));
        assertTrue(scanner.isAbsentOrNull(-1));
        assertTrue(scanner.isAbsentOrNull(scanner.element(b, 2)));
        assertFalse(scanner.isAbsentOrNull(a));
    }

    @Test
    void shouldWalkMembersInOnePass()
    {
        wrap("{ \"a\" : 1 , \"bb\":[2,3],\"c\":{\"d\":null} }");
        final int a = scanner.firstMember(PAD);
        assertTrue(scanner.stringEquals(a, "a"));
        assertEquals(1, scanner.quantity(scanner.memberValue(a)));
        final int bb = scanner.nextMember(a);
        assertTrue(scanner.stringEquals(bb, "bb"));
        final int bbValue = scanner.memberValue(bb);
        assertEquals(2, scanner.elementCount(bbValue));
        final int c = scanner.nextMemberFrom(scanner.valueEnd(bbValue));
        assertTrue(scanner.stringEquals(c, "c"));
        assertEquals(-1, scanner.nextMember(c));
        assertTrue(scanner.isNull(scanner.memberValue(scanner.firstMember(scanner.memberValue(c)))));

        assertEquals(-1, scanner.firstMember(-1));
        assertEquals(-1, scanner.firstMember(bbValue));
        assertEquals(-1, wrap("{ }").firstMember(PAD));
        assertEquals(-1, wrap("").firstMember(PAD));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{1:2}", "{\"a\" 1}", "{\"a\":1 2}", "{\"a\":1,2}", "{\"a\":1,", "{\"a\":", "{" })
    void shouldThrowWhenWalkingMalformedMembers(final String json)
    {
        wrap(json);
        assertThrows(JsonException.class, () ->
        {
            for (int name = scanner.firstMember(PAD); name >= 0; name = scanner.nextMember(name))
            {
                scanner.memberValue(name);
            }
        }, json);
    }

    @Test
    void shouldRejectMemberValueOfANonName()
    {
        wrap("{\"a\":1}");
        assertThrows(JsonException.class, () -> scanner.memberValue(PAD));
        assertThrows(JsonException.class, () -> scanner.memberValue(PAD + 5));
    }

    @Test
    void shouldWalkElementsInOnePass()
    {
        wrap("[ 1 ,[2], {\"x\":3} ,\"s\"]");
        int e = scanner.element(PAD, 0);
        assertEquals(1, scanner.quantity(e));
        e = scanner.nextElement(e);
        assertEquals(JsonScanner.ARRAY, scanner.kind(e));
        e = scanner.nextElement(e);
        assertEquals(3, scanner.quantity(scanner.member(e, "x")));
        e = scanner.nextElement(e);
        assertTrue(scanner.stringEquals(e, "s"));
        assertEquals(-1, scanner.nextElement(e));
        assertEquals(-1, scanner.nextElement(-1));
        assertThrows(JsonException.class, () -> wrap("[1 2]").nextElement(PAD + 1));
        assertThrows(JsonException.class, () -> wrap("[1,").nextElement(PAD + 1));
        assertThrows(JsonException.class, () -> wrap("[1, ").element(PAD, 1));
    }

    @ParameterizedTest
    @CsvSource({ "0,0", "-0,0", "7,7", "-38001,-38001", "9223372036854775807,9223372036854775807",
        "-9223372036854775808,-9223372036854775808" })
    void shouldDecodeSignedIntegers(final String json, final long expected)
    {
        assertEquals(expected, wrap(json).longValue(PAD));
        assertEquals(expected, wrap("[" + json + "]").longValue(scanner.element(PAD, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1.0", "1e2", "-", "01",
        "-01", "\"1\"", "true", "null", "[]" })
    void shouldRejectNonIntegersAndOverflowInLongValue(final String json)
    {
        wrap("[" + json + "]");
        final int pos = scanner.element(PAD, 0);
        assertThrows(JsonException.class, () -> scanner.longValue(pos), json);
    }

    @Test
    void shouldBuildCheapExceptionsThatFormatThePositionLazily()
    {
        final JsonException stackless = new JsonException("bad", 12);
        assertEquals("bad", stackless.reason());
        assertEquals(12, stackless.position());
        assertEquals("bad at 12", stackless.getMessage());
        assertEquals(0, stackless.getStackTrace().length);

        final JsonException unknown = new JsonException("bad", -1, true);
        assertEquals("bad", unknown.getMessage());
        assertTrue(unknown.getStackTrace().length > 0);
    }

    @Test
    void shouldReturnTheFirstOfDuplicateMembersAndCompareRawNames()
    {
        wrap("{\"k\":1,\"k\":2,\"\\u006b\":3,\"k2\":4}");
        assertEquals(1, scanner.quantity(scanner.member(PAD, "k")));
        assertEquals(4, scanner.quantity(scanner.member(PAD, "k2")));
        assertEquals(3, scanner.quantity(scanner.member(PAD, "\\u006b")));
    }

    @Test
    void shouldExposeRawStringContent()
    {
        wrap("[\"a\\\"b\", 5]");
        final int s = scanner.element(PAD, 0);
        assertEquals(PAD + 2, scanner.stringContentStart(s));
        assertEquals(PAD + 6, scanner.stringContentEnd(s));
        assertTrue(scanner.stringEquals(s, "a\\\"b"));
        assertFalse(scanner.stringEquals(s, "a\"b"));
        assertFalse(scanner.stringEquals(scanner.element(PAD, 1), "5"));
        assertThrows(JsonException.class, () -> scanner.stringContentStart(scanner.element(PAD, 1)));
        assertThrows(JsonException.class, () -> scanner.stringContentEnd(scanner.element(PAD, 1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"0x0\"|0", "\"0x1\"|1", "\"0x00ff\"|255", "\"0xDeadBeef\"|3735928559", "\"0x7fffffffffffffff\"|9223372036854775807",
        "\"0xffffffffffffffff\"|-1", "\"0x0000000000000000001\"|1", "0|0", "100|100", "9223372036854775807|9223372036854775807",
        "18446744073709551615|-1", "18446744073709551614|-2",
    })
    void shouldDecodeQuantities(final String json, final long expected)
    {
        assertEquals(expected, wrap("[" + json + "]").quantity(scanner.element(PAD, 0)));
        assertEquals(expected, wrap(json).quantity(PAD));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"0x\"", "\"\"", "\"1\"", "\"0X1\"", "\"x1\"", "\"0x1g\"", "\"0x-1\"", "\"0x10000000000000000\"", "\"0x 1\"",
        "-1", "01", "1.5", "1e3", "18446744073709551616", "99999999999999999999", "true", "null", "{}", "[]",
    })
    void shouldRejectMalformedQuantities(final String json)
    {
        wrap("[" + json + "]");
        final int pos = scanner.element(PAD, 0);
        assertThrows(JsonException.class, () -> scanner.quantity(pos), json);
    }

    @Test
    void shouldDecodeHexBytes()
    {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[40]);
        wrap("[\"0x00ff10Ab\", \"0x\", \"0x0000000000000001\"]");
        assertEquals(4, scanner.hexBytes(scanner.element(PAD, 0), dst, 3, 4));
        assertEquals(0x00, dst.getByte(3));
        assertEquals((byte)0xff, dst.getByte(4));
        assertEquals(0x10, dst.getByte(5));
        assertEquals((byte)0xab, dst.getByte(6));
        assertEquals(0, scanner.hexBytes(scanner.element(PAD, 1), dst, 0, -1));
        assertEquals(8, scanner.hexBytes(scanner.element(PAD, 2), dst, 0, 8));
        assertEquals(1, dst.getByte(7));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"0x0\"|-1", "\"00ff\"|-1", "\"0xzz\"|-1", "\"0x0g\"|-1", "\"0x0x12\"|2", "\"0x0102\"|3", "\"0x0102\"|1", "12|-1",
        "null|-1", "\"0\"|-1",
    })
    void shouldRejectMalformedHexBytes(final String json, final int expectedLength)
    {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[40]);
        wrap("[" + json + "]");
        final int pos = scanner.element(PAD, 0);
        final JsonException ex = assertThrows(JsonException.class, () -> scanner.hexBytes(pos, dst, 0, expectedLength));
        assertEquals(pos, ex.position());
        assertTrue(ex.getMessage().endsWith(" at " + pos));
    }

    @Test
    void shouldRejectNonBooleans()
    {
        wrap("[1, null, \"true\"]");
        assertThrows(JsonException.class, () -> scanner.booleanValue(scanner.element(PAD, 0)));
        assertThrows(JsonException.class, () -> scanner.booleanValue(scanner.element(PAD, 1)));
        assertThrows(JsonException.class, () -> scanner.booleanValue(scanner.element(PAD, 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"a\":\"xyz", "{\"a\":[1,2", "{\"a\":{\"b\":1", "[\"abc", "{\"a", "{1:2}", "{\"a\" 1}",
        "{\"a\":1 \"b\":2}", "[1 2]", "{\"a\":", "{\"a\":\"b\\" })
    void shouldThrowRatherThanReadPastTheRangeOnBadInput(final String json)
    {
        wrap(json);
        assertThrows(JsonException.class, () ->
        {
            scanner.member(PAD, "zz");
            scanner.elementCount(PAD);
            scanner.element(PAD, 5);
            scanner.valueEnd(PAD);
        }, json);
    }

    @Test
    void shouldThrowOnPositionsOutsideTheRange()
    {
        wrap("{\"a\":1}");
        assertThrows(JsonException.class, () -> scanner.kind(PAD + 7));
        assertThrows(JsonException.class, () -> scanner.kind(PAD - 1));
        assertThrows(JsonException.class, () -> scanner.skipWhitespace(PAD - 1));
        assertThrows(JsonException.class, () -> scanner.isNull(-1));
        assertThrows(JsonException.class, () -> scanner.valueEnd(PAD + 7));
        assertThrows(JsonException.class, () -> scanner.quantity(PAD + 7));
        assertEquals(PAD + 7, scanner.skipWhitespace(PAD + 7));
        assertEquals(-1, scanner.member(PAD + 7, "a"));
        assertFalse(scanner.rawEquals(PAD - 1, PAD, "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "}", "]", ",", ":", "+", "x" })
    void shouldRejectNonValuesInKindAndValueEnd(final String json)
    {
        wrap(json);
        assertThrows(JsonException.class, () -> scanner.kind(PAD));
        if (!"+x".contains(json))
        {
            assertThrows(JsonException.class, () -> scanner.valueEnd(PAD));
        }
    }

    @Test
    void shouldNavigateTheHivePragueChainLikeJackson() throws Exception
    {
        final byte[] bytes = TestData.bytes("engine-payloads/geth-hive-chain-prague/newpayload.json");
        final JsonNode tree = MAPPER.readTree(bytes);
        final UnsafeBuffer buffer = TestData.padded(bytes, PAD);
        scanner.wrap(buffer, PAD, bytes.length);
        assertEquals(JsonScanner.VALID, scanner.validate());
        assertEquals(601, scanner.elementCount(PAD));
        compare(tree, scanner.valueStart(PAD));

        int start = scanner.element(PAD, 0);
        for (int i = 0; i < tree.size(); i++, start = scanner.nextElement(start))
        {
            final int end = scanner.valueEnd(start);
            final byte[] span = new byte[end - start];
            buffer.getBytes(start, span);
            assertEquals(tree.get(i), MAPPER.readTree(span));
        }
    }

    @Test
    void shouldNavigateTheHoodiPayloadsLikeJackson() throws Exception
    {
        for (final String name : TestData.HOODI)
        {
            final byte[] bytes = TestData.bytes("engine-payloads/alloy-hoodi/" + name);
            scanner.wrap(TestData.padded(bytes, PAD), PAD, bytes.length);
            assertEquals(JsonScanner.VALID, scanner.validate(), name);
            compare(MAPPER.readTree(bytes), scanner.valueStart(PAD));
        }
    }

    private void compare(final JsonNode node, final int pos)
    {
        final byte kind = scanner.kind(pos);
        switch (node.getNodeType())
        {
            case OBJECT:
            {
                assertEquals(JsonScanner.OBJECT, kind);
                for (final Map.Entry<String, JsonNode> field : node.properties())
                {
                    final int valuePos = scanner.member(pos, field.getKey());
                    assertTrue(valuePos >= 0, field.getKey());
                    compare(field.getValue(), valuePos);
                }
                assertEquals(-1, scanner.member(pos, "__absent__"));
                break;
            }

            case ARRAY:
            {
                assertEquals(JsonScanner.ARRAY, kind);
                assertEquals(node.size(), scanner.elementCount(pos));
                int element = scanner.element(pos, 0);
                for (int i = 0; i < node.size(); i++)
                {
                    if (i < 3 || i == node.size() - 1)
                    {
                        assertEquals(scanner.element(pos, i), element);
                    }
                    compare(node.get(i), element);
                    element = scanner.nextElement(element);
                }
                assertEquals(-1, element);
                assertEquals(-1, scanner.element(pos, node.size()));
                break;
            }

            case STRING:
            {
                assertEquals(JsonScanner.STRING, kind);
                final String text = node.textValue();
                if (text.indexOf('\\') < 0 && text.indexOf('"') < 0 && isAscii(text))
                {
                    assertTrue(scanner.stringEquals(pos, text), text);
                }
                if (QUANTITY.matcher(text).matches())
                {
                    assertEquals(Long.parseUnsignedLong(text.substring(2), 16), scanner.quantity(pos));
                }
                if (DATA.matcher(text).matches())
                {
                    final byte[] expected = Hex.fromHexString(text);
                    final UnsafeBuffer dst = new UnsafeBuffer(new byte[expected.length + 1]);
                    assertEquals(expected.length, scanner.hexBytes(pos, dst, 1, expected.length));
                    final byte[] actual = new byte[expected.length];
                    dst.getBytes(1, actual);
                    assertArrayEquals(expected, actual);
                }
                break;
            }

            case NUMBER:
            {
                assertEquals(JsonScanner.NUMBER, kind);
                final int end = scanner.valueEnd(pos);
                final byte[] raw = new byte[end - pos];
                scanner.buffer().getBytes(pos, raw);
                assertEquals(0, new BigDecimal(new String(raw, StandardCharsets.US_ASCII)).compareTo(node.decimalValue()));
                if (node.canConvertToLong() && node.longValue() >= 0 && node.isIntegralNumber())
                {
                    assertEquals(node.longValue(), scanner.quantity(pos));
                }
                break;
            }

            case BOOLEAN:
                assertEquals(node.booleanValue() ? JsonScanner.TRUE : JsonScanner.FALSE, kind);
                assertEquals(node.booleanValue(), scanner.booleanValue(pos));
                break;

            case NULL:
                assertTrue(scanner.isNull(pos));
                break;

            default:
                throw new AssertionError(node.getNodeType());
        }
    }

    private static boolean isAscii(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) > 0x7e)
            {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldFindEveryQuoteEscapeAndControlCharacterInEveryLaneOfTheEightByteScan()
    {
        for (int lane = 0; lane < 20; lane++)
        {
            final String before = "abcdefghijklmnopqrstuvwxyz".substring(0, lane);
            final String after = "0123456789ABCDEFGHIJ";
            assertEquals(JsonScanner.VALID, wrap("[\"" + before + "\\\"" + after + "\",1]").validate(), "escape at " + lane);
            assertEquals(PAD + 2 + lane, wrap("[\"" + before + "\u0001" + after + "\",1]").validate(),
                "control at " + lane);
            assertEquals(PAD + 2 + lane, wrap("[\"" + before + "\u007f\u0010" + after + "\"]").validate() - 1,
                "control after DEL at " + lane);
            assertEquals(JsonScanner.VALID, wrap("[\"" + before + "\u00e9" + after + "\",1]").validate(),
                "two-byte UTF-8 at " + lane);
            final JsonScanner s = wrap("[\"" + before + "\\\"x\",{\"k\":[\"" + after + "\"]},7]");
            assertEquals(JsonScanner.VALID, s.validate());
            final int second = s.element(PAD, 1);
            assertEquals(s.element(PAD, 2) - 1, s.valueEnd(second), "indexed container end at " + lane);
            assertEquals(7, s.longValue(s.element(PAD, 2)));
            assertEquals(second, s.valueEnd(s.element(PAD, 0)) + 1, "string end after an escape at " + lane);
        }
    }

    @Test
    void shouldSkipContainersTheSameWayWithAndWithoutTheValidationIndex()
    {
        final String json = "{\"a\":[1,{\"b\":\"]}\"},[[]]],\"c\":{\"d\":[\"x\\\"]\"]},\"e\":2}";
        final JsonScanner unvalidated = wrap(json);
        final int[] ends = new int[3];
        int i = 0;
        for (int m = unvalidated.firstMember(PAD); m >= 0; m = unvalidated.nextMember(m))
        {
            ends[i++] = unvalidated.valueEnd(unvalidated.memberValue(m));
        }
        assertEquals(JsonScanner.VALID, wrap(json).validate());
        i = 0;
        for (int m = scanner.firstMember(PAD); m >= 0; m = scanner.nextMember(m))
        {
            assertEquals(ends[i++], scanner.valueEnd(scanner.memberValue(m)));
        }
        assertEquals(3, i);
    }
}
