package io.boostj.codecs.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlockHeaderTest
{
    private final BlockHeader header = new BlockHeader();

    private void put(final int offset, final JsonNode value)
    {
        header.fields().putBytes(offset, Hex.fromHexString(value.asText()));
    }

    private static long quantity(final JsonNode value)
    {
        return Long.decode(value.asText());
    }

    /**
     * The header of an RPC block (eth_getBlockByNumber), field by field: its hash must be the block's hash.
     */
    @Test
    void shouldHashTheHeaderOfARealIsthmusBlock() throws Exception
    {
        final JsonNode block = Flashblocks.MAPPER.readTree(
            TestData.bytes("flashblocks/unichain_sepolia_35535698_final_rpc_block.json"));
        header.reset().fieldCount(BlockHeader.PRAGUE_FIELDS);
        put(BlockHeader.PARENT_HASH_OFFSET, block.get("parentHash"));
        put(BlockHeader.OMMERS_HASH_OFFSET, block.get("sha3Uncles"));
        put(BlockHeader.BENEFICIARY_OFFSET, block.get("miner"));
        put(BlockHeader.STATE_ROOT_OFFSET, block.get("stateRoot"));
        put(BlockHeader.TRANSACTIONS_ROOT_OFFSET, block.get("transactionsRoot"));
        put(BlockHeader.RECEIPTS_ROOT_OFFSET, block.get("receiptsRoot"));
        put(BlockHeader.LOGS_BLOOM_OFFSET, block.get("logsBloom"));
        header.putUint256(BlockHeader.DIFFICULTY_OFFSET, quantity(block.get("difficulty")));
        header.number(quantity(block.get("number")))
            .gasLimit(quantity(block.get("gasLimit")))
            .gasUsed(quantity(block.get("gasUsed")))
            .timestamp(quantity(block.get("timestamp")));
        final byte[] extraData = Hex.fromHexString(block.get("extraData").asText());
        header.fields().putBytes(BlockHeader.EXTRA_DATA_OFFSET, extraData);
        header.extraDataLength(extraData.length);
        put(BlockHeader.MIX_HASH_OFFSET, block.get("mixHash"));
        put(BlockHeader.NONCE_OFFSET, block.get("nonce"));
        header.putUint256(BlockHeader.BASE_FEE_OFFSET, quantity(block.get("baseFeePerGas")));
        put(BlockHeader.WITHDRAWALS_ROOT_OFFSET, block.get("withdrawalsRoot"));
        header.blobGasUsed(quantity(block.get("blobGasUsed"))).excessBlobGas(quantity(block.get("excessBlobGas")));
        put(BlockHeader.PARENT_BEACON_BLOCK_ROOT_OFFSET, block.get("parentBeaconBlockRoot"));
        put(BlockHeader.REQUESTS_HASH_OFFSET, block.get("requestsHash"));

        final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
        header.hash(new Keccak256(), hash, 0);
        final byte[] bytes = new byte[32];
        hash.getBytes(0, bytes);
        assertEquals(block.get("hash").asText(), Hex.toHexString(bytes));

        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[header.encodedLength()]);
        assertEquals(header.encodedLength(), header.encode(encoded, 0));
    }

    @Test
    void shouldEncodeA256BitBaseFeeWithoutLeadingZeros()
    {
        header.reset();
        final int before = header.encodedLength();
        header.fields().setMemory(BlockHeader.BASE_FEE_OFFSET, 32, (byte)0xFF);
        assertEquals(before - 1 + 33, header.encodedLength(), "0x80 (zero) becomes 0xa0 + 32 bytes");
        header.putUint256(BlockHeader.BASE_FEE_OFFSET, 7);
        assertEquals(before, header.encodedLength(), "7 is a single byte, like the empty string");
    }

    @Test
    void shouldRefuseAnUnknownLayout()
    {
        assertThrows(IllegalArgumentException.class, () -> header.fieldCount(18));
        assertThrows(IllegalArgumentException.class, () -> header.extraDataLength(BlockHeader.MAX_EXTRA_DATA_LENGTH + 1));
    }
}
