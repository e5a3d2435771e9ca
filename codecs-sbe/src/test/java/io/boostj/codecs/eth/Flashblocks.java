package io.boostj.codecs.eth;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.test.TestData;

/**
 * Test-only flashblock reassembly (reference §3.2, rollup-boost {@code FlashblockBuilder::build_envelope}): base from
 * index 0, roots / gasUsed / blockHash / withdrawalsRoot from the last flashblock, transactions and withdrawals
 * concatenated in index order; wrapped in an {@code engine_newPayloadV4} request.
 */
final class Flashblocks
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Flashblocks()
    {
    }

    static List<JsonNode> unichainSepolia() throws Exception
    {
        final List<JsonNode> flashblocks = new ArrayList<>();
        for (final String line : TestData.text("flashblocks/unichain_sepolia_35535698_with_metadata.ndjson").split("\n"))
        {
            if (!line.isBlank())
            {
                flashblocks.add(MAPPER.readTree(line));
            }
        }
        return flashblocks;
    }

    static List<JsonNode> baseSepolia() throws Exception
    {
        final List<JsonNode> flashblocks = new ArrayList<>();
        MAPPER.readTree(TestData.bytes("flashblocks/base_sepolia_block_33439826.json")).forEach(flashblocks::add);
        return flashblocks;
    }

    /**
     * The {@code engine_newPayloadV4} request of flashblocks 0..last.
     */
    static String newPayloadRequest(final List<JsonNode> flashblocks, final int last) throws Exception
    {
        final JsonNode base = flashblocks.get(0).get("base");
        final JsonNode diff = flashblocks.get(last).get("diff");
        final ObjectNode payload = MAPPER.createObjectNode();
        payload.put("parentHash", base.get("parent_hash").asText());
        payload.put("feeRecipient", base.get("fee_recipient").asText());
        payload.put("stateRoot", diff.get("state_root").asText());
        payload.put("receiptsRoot", diff.get("receipts_root").asText());
        payload.put("logsBloom", diff.get("logs_bloom").asText());
        payload.put("prevRandao", base.get("prev_randao").asText());
        payload.put("blockNumber", base.get("block_number").asText());
        payload.put("gasLimit", base.get("gas_limit").asText());
        payload.put("gasUsed", diff.get("gas_used").asText());
        payload.put("timestamp", base.get("timestamp").asText());
        payload.put("extraData", base.get("extra_data").asText());
        payload.put("baseFeePerGas", base.get("base_fee_per_gas").asText());
        payload.put("blockHash", diff.get("block_hash").asText());
        final ArrayNode transactions = payload.putArray("transactions");
        final ArrayNode withdrawals = payload.putArray("withdrawals");
        for (int i = 0; i <= last; i++)
        {
            flashblocks.get(i).get("diff").get("transactions").forEach(transactions::add);
            flashblocks.get(i).get("diff").get("withdrawals").forEach(withdrawals::add);
        }
        payload.put("blobGasUsed", diff.has("blob_gas_used") ? diff.get("blob_gas_used").asText() : "0x0");
        payload.put("excessBlobGas", "0x0");
        payload.put("withdrawalsRoot", diff.get("withdrawals_root").asText());

        final ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", last);
        request.put("method", "engine_newPayloadV4");
        final ArrayNode params = request.putArray("params");
        params.add(payload);
        params.addArray();
        params.add(base.get("parent_beacon_block_root").asText());
        params.addArray();
        return MAPPER.writeValueAsString(request);
    }
}
