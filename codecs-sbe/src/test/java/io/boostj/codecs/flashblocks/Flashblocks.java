package io.boostj.codecs.flashblocks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The flashblock test data: file names and helpers that split sequences into single messages, byte for byte.
 */
final class Flashblocks
{
    static final String DIR = "flashblocks/";
    static final String PINNED_INDEX0 = DIR + "op-rbuilder_wspub_pinned_index0.json";
    static final String PINNED_INDEX3 = DIR + "op-rbuilder_wspub_pinned_index3.json";
    static final String LEGACY_TAGGED_INDEX3 = DIR + "op-rbuilder_wspub_legacy_tagged_index3.json";
    static final String UNICHAIN_NDJSON = DIR + "unichain_sepolia_35535698_with_metadata.ndjson";
    static final String UNICHAIN_OP_ALLOY = DIR + "op-alloy_flashblocks_sequence_unichain_sepolia_block_35535698_5fb.json";
    static final String BASE_SEPOLIA_OP_ALLOY = DIR + "op-alloy_flashblocks_sequence_base_sepolia_block_33439826_11fb.json";
    static final String BASE_SEPOLIA_PRETTY = DIR + "base_sepolia_block_33439826.json";
    static final String BASE_MAINNET_LEGACY = DIR + "base_mainnet_flashblock_0x0316ecb1aa1671b5_idx10.json";
    static final String UNICHAIN_FINAL_BLOCK = DIR + "unichain_sepolia_35535698_final_rpc_block.json";
    static final String ENVELOPE_V3 = DIR + "op-alloy_OpExecutionPayloadEnvelopeV3.json";
    static final String ENVELOPE_V4 = DIR + "rollup-boost_selection_OpExecutionPayloadEnvelopeV4.json";

    static final String UNICHAIN_BLOCK_HASH = "0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196";

    private Flashblocks()
    {
    }

    /**
     * The messages of a sequence file: the lines of an ndjson file, or the elements of a JSON array, as the exact
     * bytes of the file.
     */
    static List<String> messages(final String path)
    {
        final String text = TestData.text(path);
        final List<String> messages = new ArrayList<>();
        if (path.endsWith(".ndjson"))
        {
            for (final String line : text.split("\n"))
            {
                if (!line.isBlank())
                {
                    messages.add(line);
                }
            }
            return messages;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
        final JsonScanner scanner = new JsonScanner().wrap(buffer, 0, buffer.capacity());
        for (int element = scanner.element(0, 0); element >= 0; element = scanner.nextElement(element))
        {
            final int end = scanner.valueEnd(element);
            messages.add(buffer.getStringWithoutLengthUtf8(element, end - element));
        }
        return messages;
    }

    /**
     * Every real flashblock of the test data, each with a name for parameterised tests.
     */
    static List<Object[]> allRealMessages()
    {
        final List<Object[]> all = new ArrayList<>();
        for (final String path : List.of(UNICHAIN_NDJSON, UNICHAIN_OP_ALLOY, BASE_SEPOLIA_OP_ALLOY, BASE_SEPOLIA_PRETTY))
        {
            final List<String> messages = messages(path);
            for (int i = 0; i < messages.size(); i++)
            {
                all.add(new Object[]{ path.substring(DIR.length()) + "#" + i, messages.get(i) });
            }
        }
        all.add(new Object[]{ BASE_MAINNET_LEGACY.substring(DIR.length()), TestData.text(BASE_MAINNET_LEGACY) });
        return all;
    }

    static String text(final UnsafeBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(offset, length);
    }
}
