package io.boostj.io.flashblocks.aeron;

import io.aeron.Publication;
import io.boostj.codecs.flashblocks.FlashblockSbeCodec;
import io.boostj.codecs.flashblocks.FlashblockView;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * The builder's side of the Aeron flashblocks transport: each flashblock, given as its JSON wire form, is validated,
 * encoded once as an SBE {@code FlashblockPayload} ({@link FlashblockSbeCodec}) and offered to the publication. Never
 * blocks: a publication that is not connected or back pressured is a return code, and the caller decides whether to
 * retry. Allocation-free once its buffer has grown to the largest flashblock. Not thread safe.
 */
public final class FlashblocksAeronSender
{
    /** Offered to the publication. */
    public static final int SENT = 1;
    /** The JSON is not a valid flashblock ({@link #errorMessage()} says why); nothing was sent. */
    public static final int INVALID = -1;
    /** No subscriber is connected; nothing was sent. */
    public static final int NOT_CONNECTED = -2;
    /** The publication is back pressured or an admin action is under way; retry later. */
    public static final int BACK_PRESSURED = -3;
    /** The publication is closed or the message exceeds its maximum length. */
    public static final int FAILED = -4;

    private final Publication publication;
    private final FlashblockView view = new FlashblockView();
    private final FlashblockSbeCodec codec = new FlashblockSbeCodec();
    private final ExpandableDirectByteBuffer sbe = new ExpandableDirectByteBuffer(64 * 1024);
    private String errorMessage;

    /**
     * @param publication where the SBE messages go.
     */
    public FlashblocksAeronSender(final Publication publication)
    {
        this.publication = publication;
    }

    /**
     * Validates, encodes and offers one flashblock.
     *
     * @param json   holding the JSON wire form.
     * @param offset where it starts.
     * @param length its length.
     * @return {@link #SENT}, {@link #INVALID}, {@link #NOT_CONNECTED}, {@link #BACK_PRESSURED} or {@link #FAILED}.
     */
    public int trySend(final DirectBuffer json, final int offset, final int length)
    {
        errorMessage = null;
        if (FlashblockView.OK != view.wrap(json, offset, length))
        {
            errorMessage = view.errorMessage();
            return INVALID;
        }
        final int encoded = codec.tryEncode(view, sbe, 0);
        if (encoded < 0)
        {
            errorMessage = codec.errorMessage();
            return INVALID;
        }
        if (encoded > publication.maxMessageLength())
        {
            errorMessage = "SBE flashblock of " + encoded + " bytes exceeds the publication's maximum message length " +
                publication.maxMessageLength() + " (raise the term length)";
            return FAILED;
        }
        final long position = publication.offer(sbe, 0, encoded);
        if (position > 0)
        {
            return SENT;
        }
        if (Publication.NOT_CONNECTED == position)
        {
            return NOT_CONNECTED;
        }
        if (Publication.BACK_PRESSURED == position || Publication.ADMIN_ACTION == position)
        {
            return BACK_PRESSURED;
        }
        errorMessage = Publication.MAX_POSITION_EXCEEDED == position ? "publication reached its maximum position" :
            Publication.CLOSED == position ? "publication closed" : "offer failed: " + position;
        return FAILED;
    }

    /**
     * @return why the last {@link #trySend} was not {@link #SENT}, or null.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * @return whether a subscriber is connected.
     */
    public boolean isConnected()
    {
        return publication.isConnected();
    }
}
