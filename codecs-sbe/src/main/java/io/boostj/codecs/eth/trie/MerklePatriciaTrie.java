package io.boostj.codecs.eth.trie;

import io.boostj.codecs.eth.Keccak256;
import io.boostj.codecs.rlp.Rlp;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Ethereum's Merkle Patricia trie (yellow paper appendix D) in memory: put, get, delete and the root hash, for keys
 * and values of any length. Nodes are immutable, so an update copies only the path from the root to the changed leaf
 * and every untouched subtree keeps its cached encoding and hash: recomputing the root after a few changes to a large
 * trie hashes only the changed paths. {@link #copy()} is O(1) (the copies share nodes), which is how a block builder
 * keeps the parent state while it builds on a copy.
 * <p>
 * Allocates (node objects, encodings); meant for the builder's executor, not for the sidecar's hot path. Not thread
 * safe; copies may be used from different threads.
 */
public final class MerklePatriciaTrie
{
    /** keccak256(rlp("")): the root of the empty trie. */
    public static final byte[] EMPTY_ROOT = hex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    private static final Node[] NO_CHILDREN = new Node[16];

    private Node root;
    private int size;

    /**
     * An empty trie.
     */
    public MerklePatriciaTrie()
    {
    }

    private MerklePatriciaTrie(final Node root, final int size)
    {
        this.root = root;
        this.size = size;
    }

    /**
     * @return a trie with the same content that shares this one's nodes; changes to either do not show in the other.
     */
    public MerklePatriciaTrie copy()
    {
        return new MerklePatriciaTrie(root, size);
    }

    /**
     * @return number of keys.
     */
    public int size()
    {
        return size;
    }

    /**
     * Sets a key's value; an empty value deletes the key (as in Ethereum, where no key maps to an empty value).
     *
     * @param key   the key bytes.
     * @param value the value bytes (not copied: do not change them afterwards), or empty/null to delete.
     */
    public void put(final byte[] key, final byte[] value)
    {
        if (null == value || 0 == value.length)
        {
            delete(key);
            return;
        }
        final byte[] path = nibbles(key);
        if (null == find(root, path, 0))
        {
            size++;
        }
        root = insert(root, path, 0, value);
    }

    /**
     * @param key the key bytes.
     * @return its value, or null when absent.
     */
    public byte[] get(final byte[] key)
    {
        return find(root, nibbles(key), 0);
    }

    /**
     * Removes a key, if present.
     *
     * @param key the key bytes.
     */
    public void delete(final byte[] key)
    {
        final byte[] path = nibbles(key);
        if (null != find(root, path, 0))
        {
            size--;
            root = remove(root, path, 0);
        }
    }

    /**
     * @return the 32-byte root hash (a fresh array).
     */
    public byte[] rootHash()
    {
        if (null == root)
        {
            return EMPTY_ROOT.clone();
        }
        return keccak(root.encoded());
    }

    // ---- lookup ----

    private static byte[] find(final Node node, final byte[] path, final int at)
    {
        Node n = node;
        int p = at;
        while (null != n)
        {
            if (n instanceof Leaf)
            {
                final Leaf leaf = (Leaf)n;
                return equalsFrom(path, p, leaf.path) ? leaf.value : null;
            }
            if (n instanceof Extension)
            {
                final Extension ext = (Extension)n;
                if (!startsWith(path, p, ext.path))
                {
                    return null;
                }
                p += ext.path.length;
                n = ext.child;
            }
            else
            {
                final Branch branch = (Branch)n;
                if (p == path.length)
                {
                    return branch.value;
                }
                n = branch.children[path[p++]];
            }
        }
        return null;
    }

    // ---- insert ----

    private static Node insert(final Node node, final byte[] path, final int at, final byte[] value)
    {
        if (null == node)
        {
            return new Leaf(Arrays.copyOfRange(path, at, path.length), value);
        }
        if (node instanceof Leaf)
        {
            final Leaf leaf = (Leaf)node;
            if (equalsFrom(path, at, leaf.path))
            {
                return new Leaf(leaf.path, value);
            }
            final int common = commonPrefix(leaf.path, 0, path, at);
            final Node[] children = new Node[16];
            byte[] branchValue = null;
            if (common == leaf.path.length)
            {
                branchValue = leaf.value;
            }
            else
            {
                children[leaf.path[common]] = new Leaf(Arrays.copyOfRange(leaf.path, common + 1, leaf.path.length),
                    leaf.value);
            }
            final int rest = at + common;
            if (rest == path.length)
            {
                branchValue = value;
            }
            else
            {
                children[path[rest]] = new Leaf(Arrays.copyOfRange(path, rest + 1, path.length), value);
            }
            final Node branch = new Branch(children, branchValue);
            return 0 == common ? branch : new Extension(Arrays.copyOfRange(leaf.path, 0, common), branch);
        }
        if (node instanceof Extension)
        {
            final Extension ext = (Extension)node;
            final int common = commonPrefix(ext.path, 0, path, at);
            if (common == ext.path.length)
            {
                return new Extension(ext.path, insert(ext.child, path, at + common, value));
            }
            final Node[] children = new Node[16];
            children[ext.path[common]] = common + 1 == ext.path.length ? ext.child :
                new Extension(Arrays.copyOfRange(ext.path, common + 1, ext.path.length), ext.child);
            byte[] branchValue = null;
            final int rest = at + common;
            if (rest == path.length)
            {
                branchValue = value;
            }
            else
            {
                children[path[rest]] = new Leaf(Arrays.copyOfRange(path, rest + 1, path.length), value);
            }
            final Node branch = new Branch(children, branchValue);
            return 0 == common ? branch : new Extension(Arrays.copyOfRange(ext.path, 0, common), branch);
        }
        final Branch branch = (Branch)node;
        if (at == path.length)
        {
            return new Branch(branch.children, value);
        }
        final Node[] children = branch.children.clone();
        children[path[at]] = insert(children[path[at]], path, at + 1, value);
        return new Branch(children, branch.value);
    }

    // ---- delete (the key is known to be present) ----

    private static Node remove(final Node node, final byte[] path, final int at)
    {
        if (node instanceof Leaf)
        {
            return null;
        }
        if (node instanceof Extension)
        {
            final Extension ext = (Extension)node;
            return extend(ext.path, remove(ext.child, path, at + ext.path.length));
        }
        final Branch branch = (Branch)node;
        final Node[] children;
        final byte[] value;
        if (at == path.length)
        {
            children = branch.children;
            value = null;
        }
        else
        {
            children = branch.children.clone();
            children[path[at]] = remove(children[path[at]], path, at + 1);
            value = branch.value;
        }
        int only = -1;
        int count = 0;
        for (int i = 0; i < 16; i++)
        {
            if (null != children[i])
            {
                only = i;
                count++;
            }
        }
        if (0 == count)
        {
            return null == value ? null : new Leaf(new byte[0], value);
        }
        if (1 == count && null == value)
        {
            return extend(new byte[] {(byte)only}, children[only]);
        }
        return new Branch(children, value);
    }

    /**
     * The node for {@code prefix} followed by {@code child}, merged the way the trie's canonical form requires (no
     * extension above a leaf or another extension).
     */
    private static Node extend(final byte[] prefix, final Node child)
    {
        if (null == child)
        {
            return null;
        }
        if (child instanceof Leaf)
        {
            return new Leaf(concat(prefix, ((Leaf)child).path), ((Leaf)child).value);
        }
        if (child instanceof Extension)
        {
            return new Extension(concat(prefix, ((Extension)child).path), ((Extension)child).child);
        }
        return 0 == prefix.length ? child : new Extension(prefix, child);
    }

    // ---- nodes ----

    private abstract static class Node
    {
        private byte[] encoded;
        private byte[] reference;

        /** @return the node's RLP encoding (cached: nodes are immutable). */
        final byte[] encoded()
        {
            if (null == encoded)
            {
                encoded = encode();
            }
            return encoded;
        }

        /** @return how a parent refers to it: its encoding when shorter than 32 bytes, else RLP of its hash. */
        final byte[] reference()
        {
            if (null == reference)
            {
                final byte[] enc = encoded();
                reference = enc.length < 32 ? enc : rlpString(keccak(enc));
            }
            return reference;
        }

        abstract byte[] encode();
    }

    private static final class Leaf extends Node
    {
        final byte[] path;
        final byte[] value;

        Leaf(final byte[] path, final byte[] value)
        {
            this.path = path;
            this.value = value;
        }

        byte[] encode()
        {
            return rlpList(rlpString(hexPrefix(path, true)), rlpString(value));
        }
    }

    private static final class Extension extends Node
    {
        final byte[] path;
        final Node child;

        Extension(final byte[] path, final Node child)
        {
            this.path = path;
            this.child = child;
        }

        byte[] encode()
        {
            return rlpList(rlpString(hexPrefix(path, false)), child.reference());
        }
    }

    private static final class Branch extends Node
    {
        final Node[] children;
        final byte[] value;

        Branch(final Node[] children, final byte[] value)
        {
            this.children = null == children ? NO_CHILDREN : children;
            this.value = value;
        }

        byte[] encode()
        {
            final byte[][] items = new byte[17][];
            for (int i = 0; i < 16; i++)
            {
                items[i] = null == children[i] ? new byte[] {Rlp.EMPTY_STRING} : children[i].reference();
            }
            items[16] = null == value ? new byte[] {Rlp.EMPTY_STRING} : rlpString(value);
            return rlpList(items);
        }
    }

    // ---- helpers ----

    private static byte[] nibbles(final byte[] key)
    {
        final byte[] path = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++)
        {
            path[2 * i] = (byte)((key[i] >> 4) & 0xF);
            path[2 * i + 1] = (byte)(key[i] & 0xF);
        }
        return path;
    }

    /** Yellow paper's hex-prefix encoding of a nibble path with the leaf flag. */
    static byte[] hexPrefix(final byte[] path, final boolean leaf)
    {
        final boolean odd = (path.length & 1) == 1;
        final int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
        final byte[] out = new byte[path.length / 2 + 1];
        int p = 0;
        if (odd)
        {
            out[0] = (byte)((flag << 4) | path[0]);
            p = 1;
        }
        else
        {
            out[0] = (byte)(flag << 4);
        }
        for (int o = 1; o < out.length; o++, p += 2)
        {
            out[o] = (byte)((path[p] << 4) | path[p + 1]);
        }
        return out;
    }

    private static boolean equalsFrom(final byte[] path, final int at, final byte[] rest)
    {
        return path.length - at == rest.length && startsWith(path, at, rest);
    }

    private static boolean startsWith(final byte[] path, final int at, final byte[] prefix)
    {
        if (path.length - at < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (path[at + i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int commonPrefix(final byte[] a, final int aAt, final byte[] b, final int bAt)
    {
        int n = 0;
        while (aAt + n < a.length && bAt + n < b.length && a[aAt + n] == b[bAt + n])
        {
            n++;
        }
        return n;
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * @param bytes any bytes.
     * @return their RLP encoding as a byte string.
     */
    public static byte[] rlpString(final byte[] bytes)
    {
        final UnsafeBuffer in = new UnsafeBuffer(bytes);
        final byte[] out = new byte[Rlp.bytesLength(in, 0, bytes.length)];
        Rlp.putBytes(new UnsafeBuffer(out), 0, in, 0, bytes.length);
        return out;
    }

    /**
     * @param items already encoded items.
     * @return the RLP list of them.
     */
    public static byte[] rlpList(final byte[]... items)
    {
        int payload = 0;
        for (final byte[] item : items)
        {
            payload += item.length;
        }
        final byte[] out = new byte[Rlp.listLength(payload)];
        final UnsafeBuffer buffer = new UnsafeBuffer(out);
        int p = Rlp.putListHeader(buffer, 0, payload);
        for (final byte[] item : items)
        {
            System.arraycopy(item, 0, out, p, item.length);
            p += item.length;
        }
        return out;
    }

    /**
     * @param bytes any bytes.
     * @return their keccak-256.
     */
    public static byte[] keccak(final byte[] bytes)
    {
        final byte[] out = new byte[32];
        new Keccak256().update(bytes, 0, bytes.length).digest(out, 0);
        return out;
    }

    private static byte[] hex(final String digits)
    {
        final byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
