package io.boostj.core.builder;

import java.util.Arrays;

/**
 * A 20-byte account address, usable as a map key. Immutable.
 */
public final class Address implements Comparable<Address>
{
    /** Length in bytes. */
    public static final int LENGTH = 20;

    private final byte[] bytes;

    private Address(final byte[] bytes)
    {
        this.bytes = bytes;
    }

    /**
     * @param bytes 20 bytes (copied).
     * @return the address.
     * @throws IllegalArgumentException for another length.
     */
    public static Address of(final byte[] bytes)
    {
        if (LENGTH != bytes.length)
        {
            throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
        }
        return new Address(bytes.clone());
    }

    /**
     * @param hex {@code 0x} and 40 hex digits, any case.
     * @return the address.
     * @throws IllegalArgumentException if it is not one.
     */
    public static Address parse(final String hex)
    {
        final String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (40 != digits.length())
        {
            throw new IllegalArgumentException("not a 20-byte hex address: '" + hex + "'");
        }
        final byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++)
        {
            final int hi = Character.digit(digits.charAt(2 * i), 16);
            final int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException("not a 20-byte hex address: '" + hex + "'");
            }
            out[i] = (byte)(hi << 4 | lo);
        }
        return new Address(out);
    }

    /**
     * @return the 20 bytes (a fresh array).
     */
    public byte[] toBytes()
    {
        return bytes.clone();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof Address && Arrays.equals(bytes, ((Address)o).bytes);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(final Address o)
    {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString()
    {
        final StringBuilder b = new StringBuilder(42).append("0x");
        for (final byte x : bytes)
        {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }
}
