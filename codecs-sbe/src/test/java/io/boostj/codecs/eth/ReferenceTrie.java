package io.boostj.codecs.eth;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * A deliberately naive Merkle-Patricia trie for tests: node objects, insertion with node splitting (the textbook
 * algorithm, unlike the sorted bottom-up build of {@link OrderedTrieRoot}), BouncyCastle Keccak and a tiny RLP encoder.
 */
final class ReferenceTrie
{
    private Object root;

    private static final class Leaf
    {
        byte[] path;
        byte[] value;
    }

    private static final class Extension
    {
        byte[] path;
        Object child;
    }

    private static final class Branch
    {
        final Object[] children = new Object[16];
        byte[] value;
    }

    static byte[] rlpOfIndex(final int i)
    {
        if (i == 0)
        {
            return new byte[]{ (byte)0x80 };
        }
        if (i < 128)
        {
            return new byte[]{ (byte)i };
        }
        final byte[] be = java.math.BigInteger.valueOf(i).toByteArray();
        final int skip = be[0] == 0 ? 1 : 0;
        final byte[] out = new byte[1 + be.length - skip];
        out[0] = (byte)(0x80 + be.length - skip);
        System.arraycopy(be, skip, out, 1, be.length - skip);
        return out;
    }

    static byte[] orderedRoot(final List<byte[]> values)
    {
        final ReferenceTrie trie = new ReferenceTrie();
        for (int i = 0; i < values.size(); i++)
        {
            trie.put(rlpOfIndex(i), values.get(i));
        }
        return trie.rootHash();
    }

    void put(final byte[] key, final byte[] value)
    {
        final byte[] nibbles = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++)
        {
            nibbles[2 * i] = (byte)((key[i] >> 4) & 0xF);
            nibbles[2 * i + 1] = (byte)(key[i] & 0xF);
        }
        root = insert(root, nibbles, value);
    }

    byte[] rootHash()
    {
        if (root == null)
        {
            return keccak(new byte[]{ (byte)0x80 });
        }
        return keccak(encode(root));
    }

    private static Object insert(final Object node, final byte[] path, final byte[] value)
    {
        if (node == null)
        {
            final Leaf leaf = new Leaf();
            leaf.path = path;
            leaf.value = value;
            return leaf;
        }
        if (node instanceof Branch)
        {
            final Branch branch = (Branch)node;
            if (path.length == 0)
            {
                branch.value = value;
            }
            else
            {
                branch.children[path[0]] = insert(branch.children[path[0]], Arrays.copyOfRange(path, 1, path.length), value);
            }
            return branch;
        }
        final byte[] nodePath = node instanceof Leaf ? ((Leaf)node).path : ((Extension)node).path;
        int common = 0;
        while (common < nodePath.length && common < path.length && nodePath[common] == path[common])
        {
            common++;
        }
        if (node instanceof Leaf && common == nodePath.length && common == path.length)
        {
            ((Leaf)node).value = value;
            return node;
        }
        if (node instanceof Extension && common == nodePath.length)
        {
            final Extension extension = (Extension)node;
            extension.child = insert(extension.child, Arrays.copyOfRange(path, common, path.length), value);
            return extension;
        }
        final Branch branch = new Branch();
        // re-home the existing node below the branch
        if (node instanceof Leaf)
        {
            final Leaf leaf = (Leaf)node;
            if (common == nodePath.length)
            {
                branch.value = leaf.value;
            }
            else
            {
                final Leaf moved = new Leaf();
                moved.path = Arrays.copyOfRange(nodePath, common + 1, nodePath.length);
                moved.value = leaf.value;
                branch.children[nodePath[common]] = moved;
            }
        }
        else
        {
            final Extension extension = (Extension)node;
            if (common + 1 == nodePath.length)
            {
                branch.children[nodePath[common]] = extension.child;
            }
            else
            {
                final Extension moved = new Extension();
                moved.path = Arrays.copyOfRange(nodePath, common + 1, nodePath.length);
                moved.child = extension.child;
                branch.children[nodePath[common]] = moved;
            }
        }
        final Object withNew = insert(branch, Arrays.copyOfRange(path, common, path.length), value);
        if (common == 0)
        {
            return withNew;
        }
        final Extension top = new Extension();
        top.path = Arrays.copyOfRange(path, 0, common);
        top.child = withNew;
        return top;
    }

    private static byte[] encode(final Object node)
    {
        final List<byte[]> items = new ArrayList<>();
        if (node instanceof Leaf)
        {
            items.add(string(hexPrefix(((Leaf)node).path, true)));
            items.add(string(((Leaf)node).value));
        }
        else if (node instanceof Extension)
        {
            items.add(string(hexPrefix(((Extension)node).path, false)));
            items.add(reference(((Extension)node).child));
        }
        else
        {
            final Branch branch = (Branch)node;
            for (final Object child : branch.children)
            {
                items.add(child == null ? string(new byte[0]) : reference(child));
            }
            items.add(string(branch.value == null ? new byte[0] : branch.value));
        }
        return list(items);
    }

    private static byte[] reference(final Object node)
    {
        final byte[] encoded = encode(node);
        return encoded.length < 32 ? encoded : string(keccak(encoded));
    }

    private static byte[] hexPrefix(final byte[] nibbles, final boolean leaf)
    {
        final int flag = leaf ? 2 : 0;
        final boolean odd = (nibbles.length & 1) == 1;
        final byte[] out = new byte[nibbles.length / 2 + 1];
        int n = 0;
        if (odd)
        {
            out[0] = (byte)(((flag + 1) << 4) | nibbles[n++]);
        }
        else
        {
            out[0] = (byte)(flag << 4);
        }
        for (int i = 1; i < out.length; i++)
        {
            out[i] = (byte)((nibbles[n] << 4) | nibbles[n + 1]);
            n += 2;
        }
        return out;
    }

    static byte[] string(final byte[] bytes)
    {
        if (bytes.length == 1 && (bytes[0] & 0xFF) < 0x80)
        {
            return bytes;
        }
        return concat(header(0x80, bytes.length), bytes);
    }

    static byte[] list(final List<byte[]> items)
    {
        final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (final byte[] item : items)
        {
            payload.writeBytes(item);
        }
        return concat(header(0xC0, payload.size()), payload.toByteArray());
    }

    private static byte[] header(final int base, final int length)
    {
        if (length < 56)
        {
            return new byte[]{ (byte)(base + length) };
        }
        final byte[] be = java.math.BigInteger.valueOf(length).toByteArray();
        final int skip = be[0] == 0 ? 1 : 0;
        final byte[] out = new byte[1 + be.length - skip];
        out[0] = (byte)(base + 55 + be.length - skip);
        System.arraycopy(be, skip, out, 1, be.length - skip);
        return out;
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] keccak(final byte[] input)
    {
        final KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        final byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
