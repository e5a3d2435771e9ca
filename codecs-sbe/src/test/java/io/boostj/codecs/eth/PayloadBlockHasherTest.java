package io.boostj.codecs.eth;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadBlockHasherTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HIVE = "engine-payloads/geth-hive-chain/newpayload.json";
    private static final String HIVE_PRAGUE = "engine-payloads/geth-hive-chain-prague/newpayload.json";

    private final JsonScanner scanner = new JsonScanner();

    private static String hex(final org.agrona.DirectBuffer buffer)
    {
        final byte[] bytes = new byte[32];
        buffer.getBytes(0, bytes);
        return Hex.toHexString(bytes);
    }

    /**
     * Verifies every request of a JSON array file; returns the results in order.
     */
    private int[] verifyAll(final String path, final PayloadBlockHasher hasher)
    {
        final byte[] file = TestData.bytes(path);
        scanner.wrap(TestData.padded(file, 7), 7, file.length);
        final int count = scanner.elementCount(7);
        final int[] results = new int[count];
        int i = 0;
        for (int request = scanner.element(7, 0); request >= 0; request = scanner.nextElement(request))
        {
            results[i] = hasher.verifyRequest(scanner, request);
            if (results[i] == PayloadBlockHasher.MATCH)
            {
                final int payload = scanner.element(scanner.member(request, "params"), 0);
                assertTrue(scanner.stringEquals(scanner.member(payload, "blockHash"), hex(hasher.computedHash())));
            }
            i++;
        }
        return results;
    }

    private static int count(final int[] results, final int result)
    {
        int n = 0;
        for (final int r : results)
        {
            n += r == result ? 1 : 0;
        }
        return n;
    }

    private int verifyJson(final PayloadBlockHasher hasher, final String request)
    {
        final byte[] json = request.getBytes(StandardCharsets.UTF_8);
        scanner.wrap(TestData.padded(json, 5), 5, json.length);
        return hasher.verifyRequest(scanner, 5);
    }

    @Test
    void shouldReproduceEveryBlockHashOfTheHiveChain()
    {
        for (final PayloadBlockHasher hasher : new PayloadBlockHasher[]{
            new PayloadBlockHasher(), new PayloadBlockHasher(ForkSchedule.GETH_HIVE) })
        {
            final int[] results = verifyAll(HIVE, hasher);
            assertEquals(429, results.length);
            assertEquals(429, count(results, PayloadBlockHasher.MATCH), String.valueOf(hasher.schedule()));
        }
    }

    @Test
    void shouldReproduce600Of601HiveChainPragueBlocksAndRefuseTheGenesisPayload()
    {
        for (final PayloadBlockHasher hasher : new PayloadBlockHasher[]{
            new PayloadBlockHasher(), new PayloadBlockHasher(ForkSchedule.GETH_HIVE_PRAGUE) })
        {
            final int[] results = verifyAll(HIVE_PRAGUE, hasher);
            assertEquals(601, results.length);
            assertEquals(PayloadBlockHasher.MISMATCH, results[0]);
            assertEquals(600, count(results, PayloadBlockHasher.MATCH), String.valueOf(hasher.schedule()));
            assertEquals(PayloadBlockHasher.MATCH, results[13], "the request whose executionRequests is base64");
        }
    }

    @Test
    void shouldFollowTheForkScheduleOfTheHivePragueChain()
    {
        final PayloadBlockHasher hasher = new PayloadBlockHasher(ForkSchedule.GETH_HIVE_PRAGUE);
        final byte[] file = TestData.bytes(HIVE_PRAGUE);
        scanner.wrap(new UnsafeBuffer(file), 0, file.length);
        int cancun = 0;
        int prague = 0;
        for (int request = scanner.element(0, 0); request >= 0; request = scanner.nextElement(request))
        {
            assertTrue(PayloadBlockHasher.isJudged(hasher.verifyRequest(scanner, request)));
            final long timestamp = hasher.timestamp();
            assertEquals(timestamp >= 120 ? Fork.PRAGUE : timestamp >= 60 ? Fork.CANCUN : Fork.SHANGHAI, hasher.fork());
            cancun += hasher.fork() == Fork.CANCUN ? 1 : 0;
            prague += hasher.fork() == Fork.PRAGUE ? 1 : 0;
        }
        assertEquals(6, cancun);
        assertEquals(589, prague);
    }

    @Test
    void shouldReproduceTheHoodiBlocks() throws Exception
    {
        for (final PayloadBlockHasher hasher : new PayloadBlockHasher[]{
            new PayloadBlockHasher(), new PayloadBlockHasher(ForkSchedule.HOODI) })
        {
            int matched = 0;
            for (final String name : TestData.HOODI)
            {
                final byte[] file = TestData.bytes("engine-payloads/alloy-hoodi/" + name);
                scanner.wrap(new UnsafeBuffer(file), 0, file.length);
                final int newPayload = scanner.member(0, "newPayload");
                final int sidecar = scanner.member(newPayload, "sidecar");
                final int beaconRoot = scanner.member(
                    scanner.member(scanner.member(sidecar, "cancun"), "fields"), "parent_beacon_block_root");
                final int requests = scanner.member(
                    scanner.member(scanner.member(sidecar, "prague"), "fields"), "requests");
                final int result = hasher.verify(scanner, scanner.member(newPayload, "payload"), beaconRoot, requests);
                assertEquals(PayloadBlockHasher.MATCH, result, name);
                assertEquals(Fork.PRAGUE, hasher.fork());
                assertTrue(name.endsWith(hex(hasher.computedHash()) + ".json"), name);
                matched++;
            }
            assertEquals(5, matched);
        }
    }

    @Test
    void shouldJudgeEveryCuratedVectorAsLabelled() throws Exception
    {
        final byte[] file = TestData.bytes("engine-payloads/vectors.json");
        final JsonNode vectors = MAPPER.readTree(file);
        scanner.wrap(new UnsafeBuffer(file), 0, file.length);
        final PayloadBlockHasher hasher = new PayloadBlockHasher();
        int matched = 0;
        int mismatched = 0;
        int fallback = 0;
        int withRequestsHash = 0;
        assertEquals(35, vectors.size());
        for (int i = 0; i < vectors.size(); i++)
        {
            final JsonNode vector = vectors.get(i);
            final String id = vector.get("id").asText();
            final String expect = vector.get("expect").asText();
            final int params = scanner.member(scanner.element(0, i), "params");
            final int payload = scanner.element(params, 0);
            final int beaconRoot = scanner.element(params, 2);
            final int requests = scanner.element(params, 3);

            final int result;
            if (vector.has("requestsHash"))
            {
                assertEquals(PayloadBlockHasher.MISSING_FIELD, hasher.verify(scanner, payload, beaconRoot, requests), id);
                assertEquals("fork needs executionRequests (absent or null)", hasher.reason());
                final UnsafeBuffer requestsHash = new UnsafeBuffer(Hex.fromHexString(vector.get("requestsHash").asText()));
                result = hasher.verify(scanner, payload, beaconRoot, requests, requestsHash, 0);
                withRequestsHash++;
            }
            else
            {
                result = hasher.verify(scanner, payload, beaconRoot, requests);
            }

            switch (expect)
            {
                case "match":
                    assertEquals(PayloadBlockHasher.MATCH, result, id + ": " + hasher.reason());
                    assertEquals(vector.get("expectedBlockHash").asText(), hex(hasher.computedHash()), id);
                    assertFalse(hasher.usedFallback(), id);
                    assertNull(hasher.reason(), id);
                    matched++;
                    break;

                case "mismatch":
                    assertEquals(PayloadBlockHasher.MISMATCH, result, id + ": " + hasher.reason());
                    assertNotEquals(vector.get("expectedBlockHash").asText(), hex(hasher.computedHash()), id);
                    assertNull(hasher.reason(), id);
                    if (vector.has("correctBlockHash"))
                    {
                        assertEquals(vector.get("correctBlockHash").asText(), hex(hasher.computedHash()), id);
                    }
                    mismatched++;
                    break;

                case "match-without-requestsHash":
                    assertEquals(PayloadBlockHasher.MATCH, result, id);
                    assertTrue(hasher.usedFallback(), id);
                    assertEquals(Fork.HOLOCENE, hasher.fork());
                    assertNull(hasher.reason(), id);
                    fallback++;
                    break;

                default:
                    throw new AssertionError("unknown label " + expect);
            }
        }
        assertEquals(29, matched);
        assertEquals(5, mismatched);
        assertEquals(1, fallback);
        assertEquals(4, withRequestsHash);
    }

    @Test
    void shouldJudgeTheCuratedVectorsOfKnownChainsByTheirSchedule() throws Exception
    {
        final byte[] file = TestData.bytes("engine-payloads/vectors.json");
        final JsonNode vectors = MAPPER.readTree(file);
        scanner.wrap(new UnsafeBuffer(file), 0, file.length);
        int judged = 0;
        for (int i = 0; i < vectors.size(); i++)
        {
            final String id = vectors.get(i).get("id").asText();
            final ForkSchedule schedule =
                id.startsWith("geth-paris") || id.startsWith("geth-shanghai") || id.startsWith("geth-cancun") ?
                ForkSchedule.GETH_HIVE :
                id.startsWith("geth-") ? ForkSchedule.GETH_HIVE_PRAGUE :
                id.startsWith("alloy-hoodi") ? ForkSchedule.HOODI :
                id.startsWith("op-unichain-sepolia") ? ForkSchedule.UNICHAIN_SEPOLIA : null;
            if (null == schedule)
            {
                continue;
            }
            final int params = scanner.member(scanner.element(0, i), "params");
            final int result = new PayloadBlockHasher(schedule).verify(
                scanner, scanner.element(params, 0), scanner.element(params, 2), scanner.element(params, 3));
            final boolean match = vectors.get(i).get("expect").asText().equals("match");
            assertEquals(match ? PayloadBlockHasher.MATCH : PayloadBlockHasher.MISMATCH, result, id);
            judged++;
        }
        assertEquals(21, judged);
    }

    @Test
    void shouldFollowAScheduleRatherThanTheShapeOfAnOpV4Envelope() throws Exception
    {
        final byte[] file = TestData.bytes("engine-payloads/vectors.json");
        final JsonNode vectors = MAPPER.readTree(file);
        scanner.wrap(new UnsafeBuffer(file), 0, file.length);
        int index = -1;
        for (int i = 0; i < vectors.size(); i++)
        {
            if (vectors.get(i).get("id").asText().equals("op-devnet-v4-envelope-preisthmus-header"))
            {
                index = i;
            }
        }
        final int params = scanner.member(scanner.element(0, index), "params");
        final int payload = scanner.element(params, 0);
        final long timestamp = 0x68a713bcL;

        final ForkSchedule holocene = ForkSchedule.builder("devnet-holocene")
            .activate(Fork.HOLOCENE, 0).activate(Fork.ISTHMUS, timestamp + 1).build();
        final PayloadBlockHasher beforeIsthmus = new PayloadBlockHasher(holocene);
        assertEquals(PayloadBlockHasher.MATCH, beforeIsthmus.verify(
            scanner, payload, scanner.element(params, 2), scanner.element(params, 3)));
        assertEquals(Fork.HOLOCENE, beforeIsthmus.fork());
        assertFalse(beforeIsthmus.usedFallback());

        final ForkSchedule isthmus = ForkSchedule.builder("devnet-isthmus")
            .activate(Fork.HOLOCENE, 0).activate(Fork.ISTHMUS, timestamp).build();
        final PayloadBlockHasher atIsthmus = new PayloadBlockHasher(isthmus);
        assertEquals(PayloadBlockHasher.MISMATCH, atIsthmus.verify(
            scanner, payload, scanner.element(params, 2), scanner.element(params, 3)));
        assertEquals(Fork.ISTHMUS, atIsthmus.fork());
    }

    @Test
    void shouldReproduceTheBlockHashOfEveryPrefixOfTheUnichainFlashblocks() throws Exception
    {
        final List<JsonNode> flashblocks = Flashblocks.unichainSepolia();
        assertEquals(5, flashblocks.size());
        for (final PayloadBlockHasher hasher : new PayloadBlockHasher[]{
            new PayloadBlockHasher(), new PayloadBlockHasher(ForkSchedule.UNICHAIN_SEPOLIA) })
        {
            int matched = 0;
            for (int k = 0; k < flashblocks.size(); k++)
            {
                final int result = verifyJson(hasher, Flashblocks.newPayloadRequest(flashblocks, k));
                assertEquals(PayloadBlockHasher.MATCH, result, "prefix 0.." + k + ": " + hasher.reason());
                assertEquals(flashblocks.get(k).get("diff").get("block_hash").asText(), hex(hasher.computedHash()));
                assertEquals(Fork.ISTHMUS, hasher.fork());
                assertFalse(hasher.usedFallback());
                matched++;
            }
            assertEquals(5, matched);
            assertEquals("0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196",
                hex(hasher.computedHash()));
        }
    }

    /**
     * Base skips the per-flashblock state root (state_root is zero). Only flashblock 0 (the deposit alone) carries a
     * block_hash consistent with the header it publishes; every later prefix, and so the block, does not reproduce.
     */
    @Test
    void shouldNotReproduceTheBaseSepoliaFlashblocksWhoseStateRootIsZero() throws Exception
    {
        final List<JsonNode> flashblocks = Flashblocks.baseSepolia();
        assertEquals(11, flashblocks.size());
        for (final PayloadBlockHasher hasher : new PayloadBlockHasher[]{
            new PayloadBlockHasher(), new PayloadBlockHasher(ForkSchedule.BASE_SEPOLIA) })
        {
            int mismatched = 0;
            for (int k = 0; k < flashblocks.size(); k++)
            {
                final int result = verifyJson(hasher, Flashblocks.newPayloadRequest(flashblocks, k));
                assertEquals(k == 0 ? PayloadBlockHasher.MATCH : PayloadBlockHasher.MISMATCH, result, "prefix 0.." + k);
                assertEquals(Fork.ISTHMUS, hasher.fork());
                mismatched += result == PayloadBlockHasher.MISMATCH ? 1 : 0;
            }
            assertEquals(10, mismatched);
            final String computed = hex(hasher.computedHash());
            assertNotEquals("0x2b440a266840a96993d85d45d1de1e81f7a859aaac4654dcd5a990ffa2ef947b", computed);
            assertNotEquals("0x0c3c3ff081d8a5ea1239bfb8a0593f641154a06b783fa142809880e011cd6a3f", computed,
                "the real block hash needs the real state root");
        }
    }

    @Test
    void shouldDetectATamperedPayload() throws Exception
    {
        final JsonNode requests = MAPPER.readTree(TestData.bytes(HIVE_PRAGUE));
        final ObjectNode request = (ObjectNode)requests.get(11);
        final PayloadBlockHasher hasher = new PayloadBlockHasher();
        assertEquals(PayloadBlockHasher.MATCH, verifyJson(hasher, MAPPER.writeValueAsString(request)));

        final ObjectNode payload = (ObjectNode)request.get("params").get(0);
        final String gasUsed = payload.get("gasUsed").asText();
        payload.put("gasUsed", "0x" + Long.toHexString(Long.decode(gasUsed) + 1));
        assertEquals(PayloadBlockHasher.MISMATCH, verifyJson(hasher, MAPPER.writeValueAsString(request)));
        payload.put("gasUsed", gasUsed);

        final com.fasterxml.jackson.databind.node.ArrayNode transactions =
            (com.fasterxml.jackson.databind.node.ArrayNode)payload.get("transactions");
        final JsonNode first = transactions.remove(0);
        transactions.add(first);
        assertEquals(PayloadBlockHasher.MISMATCH, verifyJson(hasher, MAPPER.writeValueAsString(request)),
            "reordered transactions");
    }

    @Test
    void shouldSayWhyItCannotJudge() throws Exception
    {
        final PayloadBlockHasher hasher = new PayloadBlockHasher();
        final JsonNode requests = MAPPER.readTree(TestData.bytes(HIVE_PRAGUE));

        ObjectNode request = (ObjectNode)requests.get(20).deepCopy();
        ((ObjectNode)request.get("params").get(0)).put("blockAccessList", "0x");
        assertEquals(PayloadBlockHasher.UNSUPPORTED, verifyJson(hasher, MAPPER.writeValueAsString(request)));
        assertEquals("unknown payload member (a newer fork?)", hasher.reason());

        request = (ObjectNode)requests.get(20).deepCopy();
        ((ObjectNode)request.get("params").get(0)).remove("stateRoot");
        assertEquals(PayloadBlockHasher.MISSING_FIELD, verifyJson(hasher, MAPPER.writeValueAsString(request)));
        assertEquals("payload has no stateRoot", hasher.reason());

        request = (ObjectNode)requests.get(20).deepCopy();
        ((ObjectNode)request.get("params").get(0)).put("stateRoot", "0x1234");
        assertEquals(PayloadBlockHasher.MALFORMED, verifyJson(hasher, MAPPER.writeValueAsString(request)));
        assertEquals("hex data has the wrong length", hasher.reason());

        request = (ObjectNode)requests.get(20).deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode)request.get("params").get(0).get("transactions")).add("0x123");
        assertEquals(PayloadBlockHasher.MALFORMED, verifyJson(hasher, MAPPER.writeValueAsString(request)));

        request = (ObjectNode)requests.get(20).deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode)request.get("params")).remove(3);
        ((com.fasterxml.jackson.databind.node.ArrayNode)request.get("params")).remove(2);
        assertEquals(PayloadBlockHasher.MISSING_FIELD, verifyJson(hasher, MAPPER.writeValueAsString(request)));
        assertEquals("fork needs parentBeaconBlockRoot", hasher.reason());

        request = (ObjectNode)requests.get(20).deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode)request.get("params")).set(3, MAPPER.getNodeFactory().nullNode());
        assertEquals(PayloadBlockHasher.MISSING_FIELD, verifyJson(hasher, MAPPER.writeValueAsString(request)));

        request = (ObjectNode)requests.get(20).deepCopy();
        request.put("method", "engine_forkchoiceUpdatedV3");
        assertEquals(PayloadBlockHasher.UNSUPPORTED, verifyJson(hasher, MAPPER.writeValueAsString(request)));

        final ForkSchedule late = ForkSchedule.builder("late").activate(Fork.PRAGUE, 1_000_000).build();
        final PayloadBlockHasher lateHasher = new PayloadBlockHasher(late);
        assertEquals(PayloadBlockHasher.UNKNOWN_FORK, verifyJson(lateHasher, MAPPER.writeValueAsString(requests.get(20))));
        assertEquals("no fork scheduled at the payload's timestamp", lateHasher.reason());

        final ForkSchedule wrong = ForkSchedule.builder("wrong").activate(Fork.CANCUN, 0).build();
        final PayloadBlockHasher wrongHasher = new PayloadBlockHasher(wrong);
        assertEquals(PayloadBlockHasher.MISSING_FIELD, verifyJson(wrongHasher, MAPPER.writeValueAsString(requests.get(1))),
            "a V2 payload on a chain whose schedule says Cancun");
        assertEquals("fork needs blobGasUsed and excessBlobGas", wrongHasher.reason());

        assertEquals(PayloadBlockHasher.MALFORMED, verifyJson(hasher, "{\"method\":\"engine_newPayloadV1\",\"params\":[1]}"));
        assertEquals(PayloadBlockHasher.MALFORMED, verifyJson(hasher, "[]"));
    }

    @Test
    void shouldComputeWithoutComparing()
    {
        final byte[] file = TestData.bytes(HIVE);
        scanner.wrap(new UnsafeBuffer(file), 0, file.length);
        final int request = scanner.element(0, 100);
        final int params = scanner.member(request, "params");
        final UnsafeBuffer out = new UnsafeBuffer(new byte[40]);
        final PayloadBlockHasher hasher = new PayloadBlockHasher();
        assertEquals(PayloadBlockHasher.COMPUTED, hasher.tryComputeBlockHash(
            scanner, scanner.element(params, 0), scanner.element(params, 2), scanner.element(params, 3), out, 8));
        final byte[] hash = new byte[32];
        out.getBytes(8, hash);
        assertTrue(scanner.stringEquals(scanner.member(scanner.element(params, 0), "blockHash"), Hex.toHexString(hash)));
        assertNull(hasher.reason());
    }

    @Test
    void shouldNotAllocateOnceWarm()
    {
        final byte[] file = TestData.bytes("engine-payloads/alloy-hoodi/" + TestData.HOODI[1]);
        final UnsafeBuffer buffer = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(file.length));
        buffer.putBytes(0, file);
        final JsonScanner direct = new JsonScanner().wrap(buffer, 0, file.length);
        final int newPayload = direct.member(0, "newPayload");
        final int payload = direct.member(newPayload, "payload");
        final int sidecar = direct.member(newPayload, "sidecar");
        final int beaconRoot = direct.member(
            direct.member(direct.member(sidecar, "cancun"), "fields"), "parent_beacon_block_root");
        final int requests = direct.member(direct.member(direct.member(sidecar, "prague"), "fields"), "requests");
        final PayloadBlockHasher hasher = new PayloadBlockHasher(ForkSchedule.HOODI);

        final byte[] hive = TestData.bytes(HIVE_PRAGUE);
        final JsonScanner hiveScanner = new JsonScanner().wrap(new UnsafeBuffer(hive), 0, hive.length);
        final int request13 = hiveScanner.element(0, 13);
        final PayloadBlockHasher inferring = new PayloadBlockHasher();
        AllocationProbe.assertNoAllocation(() ->
        {
            if (hasher.verify(direct, payload, beaconRoot, requests) != PayloadBlockHasher.MATCH ||
                inferring.verifyRequest(hiveScanner, request13) != PayloadBlockHasher.MATCH)
            {
                throw new AssertionError("no match");
            }
        }, 3_000, 50);
    }
}
