package io.boostj.codecs.eth;

import java.nio.charset.StandardCharsets;

import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WithdrawalTest
{
    private static final String JSON = "{\"index\":\"0x5ab202\",\"validatorIndex\":\"0xb1b\"," +
        "\"address\":\"0x388ea662ef2c223ec0b047d41bf3c0f362142ad5\",\"amount\":\"0x19b3d\"}";

    @Test
    void shouldEncodeTheSameFromValuesAndFromJson()
    {
        final UnsafeBuffer address = new UnsafeBuffer(Hex.fromHexString("0x388ea662ef2c223ec0b047d41bf3c0f362142ad5"));
        final UnsafeBuffer fromValues = new UnsafeBuffer(new byte[Withdrawal.MAX_ENCODED_LENGTH]);
        final int length = Withdrawal.encode(0x5ab202, 0xb1b, address, 0, 0x19b3d, fromValues, 0);
        assertEquals(Withdrawal.encodedLength(0x5ab202, 0xb1b, 0x19b3d), length);

        final byte[] json = JSON.getBytes(StandardCharsets.UTF_8);
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(json), 0, json.length);
        final UnsafeBuffer fromJson = new UnsafeBuffer(new byte[Withdrawal.MAX_ENCODED_LENGTH + 3]);
        assertEquals(length, Withdrawal.encodeJson(scanner, 0, fromJson, 3));

        final byte[] a = new byte[length];
        final byte[] b = new byte[length];
        fromValues.getBytes(0, a);
        fromJson.getBytes(3, b);
        assertEquals(Hex.toHexString(a), Hex.toHexString(b));
        assertEquals("0xe0835ab202820b1b94388ea662ef2c223ec0b047d41bf3c0f362142ad583019b3d", Hex.toHexString(a));
    }

    @Test
    void shouldRefuseAWithdrawalWithoutAnAddress()
    {
        final byte[] json = "{\"index\":\"0x1\",\"validatorIndex\":\"0x2\",\"amount\":\"0x3\"}"
            .getBytes(StandardCharsets.UTF_8);
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(json), 0, json.length);
        assertThrows(JsonException.class,
            () -> Withdrawal.encodeJson(scanner, 0, new UnsafeBuffer(new byte[Withdrawal.MAX_ENCODED_LENGTH]), 0));
    }
}
