package io.boostj.system;

import io.boostj.devnet.Devnet;
import io.boostj.devnet.RecordedCall;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;
import io.boostj.io.jwt.JwtVerifier;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference §1.12: every outbound request carries a fresh HS256 JWT that the execution clients check, and (our
 * addition, off by default upstream) the sidecar checks op-node's JWT as an execution client must.
 */
class JwtSystemTest extends SystemTestBase
{
    private static final String FCU_WITHOUT_ATTRIBUTES = rpc("engine_forkchoiceUpdatedV3",
        "[{\"headBlockHash\":\"0x36a166f0dcd160fc5e5c61c9a7c2d7f236d9175bf27f43aaa2150e291f092ef7\"," +
        "\"safeBlockHash\":\"0x36a166f0dcd160fc5e5c61c9a7c2d7f236d9175bf27f43aaa2150e291f092ef7\"," +
        "\"finalizedBlockHash\":\"0x36a166f0dcd160fc5e5c61c9a7c2d7f236d9175bf27f43aaa2150e291f092ef7\"},null]");

    @Test
    void shouldAcceptOpNodeRequestsSignedWithTheInboundSecret() throws Exception
    {
        start(o -> o.inboundJwt(true));

        produceFrom(3, "builder");

        final String token = new JwtSigner(devnet.inboundSecret()).bearer(System.currentTimeMillis() / 1000);
        assertEquals(200, postRaw(rpc("eth_chainId", "[]"), token).statusCode());
    }

    @Test
    void shouldRefuseInboundRequestsWithoutAValidJwtAndForwardNothing() throws Exception
    {
        start(o -> o.inboundJwt(true));
        final long now = System.currentTimeMillis() / 1000;
        final String wrongSecret = new JwtSigner(Devnet.randomSecret()).bearer(now);
        final String twoMinutesOld = "Bearer " + new JwtSigner(devnet.inboundSecret()).token(now - 120);
        final String algNone = "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"iat\":" + now + "}") +
            ".";
        final String[] refusedTokens = {null, wrongSecret, twoMinutesOld, algNone, "Basic dXNlcjpwYXNz"};

        for (final String token : refusedTokens)
        {
            for (final String body : List.of(FCU_WITHOUT_ATTRIBUTES, rpc("eth_chainId", "[]")))
            {
                final HttpResponse<String> r = postRaw(body, token);
                assertEquals(401, r.statusCode(), () -> "token " + token + ": " + r.body());
            }
        }

        assertEquals(0, l2().calls().size(), () -> "nothing reached L2: " + methods(l2()));
        assertEquals(0, builder().calls().size(), () -> "nothing reached the builder: " + methods(builder()));
        assertEquals(200, devnet.healthz(), "probes need no token");
    }

    @Test
    void shouldSignEveryOutboundRequestWithAJwtTheClientsAccept() throws Exception
    {
        start();

        produceFrom(2, "builder");
        postRaw(rpc("eth_chainId", "[]"));
        postRaw(rpc("eth_sendRawTransaction", "[\"0x01\"]"));
        Await.until("mirrored call reached the builder", () -> builder().count("eth_sendRawTransaction") == 1);

        assertEquals(0, l2().refusedCount());
        assertEquals(0, builder().refusedCount());
        final JwtVerifier l2Verifier = new JwtVerifier(devnet.l2Secret());
        final JwtVerifier builderVerifier = new JwtVerifier(devnet.builderSecret());
        for (final RecordedCall c : l2().calls())
        {
            assertNull(l2Verifier.check(c.header("Authorization"), c.receivedAt().getEpochSecond()), c::toString);
        }
        for (final RecordedCall c : builder().calls())
        {
            assertNull(builderVerifier.check(c.header("Authorization"), c.receivedAt().getEpochSecond()), c::toString);
        }
        assertTrue(null != l2Verifier.check(builder().calls().get(0).header("Authorization"),
            builder().calls().get(0).receivedAt().getEpochSecond()), "the builder's token is not signed with L2's secret");
    }

    @Test
    void shouldTreatABuilderThatRefusesTheSidecarsJwtAsAFailedBuilder() throws Exception
    {
        start(o -> o.builderMockSecret(Devnet.randomSecret()));

        produceFrom(3, "l2");

        awaitHealth(206);
        assertTrue(builder().refusedCount() > 0);
        assertEquals(0, builder().calls().size(), "every request refused with 401");
        assertTrue(builder().refused().stream().allMatch(c -> c.refusal().contains("signature")),
            () -> builder().refused().toString());
    }

    @Test
    void shouldReportL2ThatRefusesTheSidecarsJwtAsUnavailable() throws Exception
    {
        final JwtSecret other = Devnet.randomSecret();
        start(o -> o.l2MockSecret(other));

        assertFalse(driver().produceBlock().ok());

        awaitHealth(503);
        assertTrue(l2().refusedCount() > 0);
    }

    private static String b64(final String s)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
