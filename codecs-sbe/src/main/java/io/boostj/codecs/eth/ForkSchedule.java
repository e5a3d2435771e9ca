package io.boostj.codecs.eth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timestamps at which a chain activates its forks: {@link #forkAt(long)} gives the fork whose rules build the
 * header of a block with a given timestamp. Immutable and allocation-free to query.
 * <p>
 * Only post-merge (Engine API) forks are listed: every payload before a chain's Shanghai (Canyon) is a Paris (Bedrock)
 * payload, so Paris is scheduled at 0 even though the merge itself was triggered by total difficulty. Forks that do not
 * change the header layout (Delta, Fjord, Granite, Holocene, Jovian, Osaka) are listed for completeness; a wrong
 * timestamp for them cannot change a block hash.
 * <p>
 * Sources of the named schedules: go-ethereum's hive test chains ({@code forkenv.json}), alloy-rs/hardforks
 * (mainnet, Sepolia, Hoodi), and the OP superchain-registry (OP / Base mainnet and Sepolia, Unichain).
 */
public final class ForkSchedule
{
    /**
     * go-ethereum's hive test chain (op-geth copy), Paris → Cancun: Shanghai at 780, Cancun at 840.
     */
    public static final ForkSchedule GETH_HIVE = builder("geth-hive")
        .activate(Fork.PARIS, 0).activate(Fork.SHANGHAI, 780).activate(Fork.CANCUN, 840).build();

    /**
     * go-ethereum's hive test chain, Shanghai → Prague: Shanghai at 0, Cancun at 60, Prague at 120.
     */
    public static final ForkSchedule GETH_HIVE_PRAGUE = builder("geth-hive-prague")
        .activate(Fork.SHANGHAI, 0).activate(Fork.CANCUN, 60).activate(Fork.PRAGUE, 120).build();

    /**
     * Ethereum mainnet.
     */
    public static final ForkSchedule MAINNET = builder("mainnet")
        .activate(Fork.PARIS, 0)
        .activate(Fork.SHANGHAI, 1_681_338_455L)
        .activate(Fork.CANCUN, 1_710_338_135L)
        .activate(Fork.PRAGUE, 1_746_612_311L)
        .activate(Fork.OSAKA, 1_764_798_551L)
        .build();

    /**
     * Sepolia testnet.
     */
    public static final ForkSchedule SEPOLIA = builder("sepolia")
        .activate(Fork.PARIS, 0)
        .activate(Fork.SHANGHAI, 1_677_557_088L)
        .activate(Fork.CANCUN, 1_706_655_072L)
        .activate(Fork.PRAGUE, 1_741_159_776L)
        .activate(Fork.OSAKA, 1_760_427_360L)
        .build();

    /**
     * Hoodi testnet (Cancun from genesis).
     */
    public static final ForkSchedule HOODI = builder("hoodi")
        .activate(Fork.CANCUN, 0)
        .activate(Fork.PRAGUE, 1_742_999_832L)
        .activate(Fork.OSAKA, 1_761_677_592L)
        .build();

    /**
     * OP mainnet.
     */
    public static final ForkSchedule OP_MAINNET = opMainnet("op-mainnet");

    /**
     * Base mainnet (same schedule as OP mainnet).
     */
    public static final ForkSchedule BASE_MAINNET = opMainnet("base-mainnet");

    /**
     * OP Sepolia.
     */
    public static final ForkSchedule OP_SEPOLIA = opSepolia("op-sepolia");

    /**
     * Base Sepolia (same schedule as OP Sepolia).
     */
    public static final ForkSchedule BASE_SEPOLIA = opSepolia("base-sepolia");

    /**
     * Unichain mainnet: Canyon … Granite at genesis, then the superchain schedule.
     */
    public static final ForkSchedule UNICHAIN_MAINNET = builder("unichain-mainnet")
        .activate(Fork.GRANITE, 0)
        .activate(Fork.HOLOCENE, 1_736_445_601L)
        .activate(Fork.ISTHMUS, 1_746_806_401L)
        .activate(Fork.JOVIAN, 1_764_691_201L)
        .build();

    /**
     * Unichain Sepolia: Canyon … Granite at genesis, Holocene when it joined the superchain, then the Sepolia
     * superchain schedule.
     */
    public static final ForkSchedule UNICHAIN_SEPOLIA = builder("unichain-sepolia")
        .activate(Fork.GRANITE, 0)
        .activate(Fork.HOLOCENE, 1_734_559_200L)
        .activate(Fork.ISTHMUS, 1_744_905_600L)
        .activate(Fork.JOVIAN, 1_763_568_001L)
        .build();

    private static final Map<String, ForkSchedule> NAMED = new LinkedHashMap<>();

    static
    {
        for (final ForkSchedule schedule : new ForkSchedule[]{
            MAINNET, SEPOLIA, HOODI, OP_MAINNET, BASE_MAINNET, OP_SEPOLIA, BASE_SEPOLIA, UNICHAIN_MAINNET,
            UNICHAIN_SEPOLIA, GETH_HIVE, GETH_HIVE_PRAGUE })
        {
            NAMED.put(schedule.name(), schedule);
        }
    }

    private final String name;
    private final long[] timestamps;
    private final Fork[] forks;

    private ForkSchedule(final String name, final long[] timestamps, final Fork[] forks)
    {
        this.name = name;
        this.timestamps = timestamps;
        this.forks = forks;
    }

    /**
     * Starts a schedule.
     *
     * @param name a short name, e.g. {@code "op-sepolia"}.
     * @return a builder.
     */
    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    /**
     * A named schedule.
     *
     * @param name one of {@link #names()}.
     * @return the schedule, or null if there is none by that name.
     */
    public static ForkSchedule byName(final String name)
    {
        return NAMED.get(name);
    }

    /**
     * Names of the built-in schedules.
     *
     * @return the names, in a fixed order.
     */
    public static List<String> names()
    {
        return Collections.unmodifiableList(new ArrayList<>(NAMED.keySet()));
    }

    /**
     * The schedule's name.
     *
     * @return the name given to {@link #builder(String)}.
     */
    public String name()
    {
        return name;
    }

    /**
     * Is this an OP Stack chain?
     *
     * @return true if its forks are OP forks.
     */
    public boolean isOp()
    {
        return forks[0].isOp();
    }

    /**
     * The fork active at a block timestamp: the last one activated at or before it.
     *
     * @param timestamp block timestamp in seconds (unsigned).
     * @return the fork, or null if the timestamp is before the first scheduled fork.
     */
    public Fork forkAt(final long timestamp)
    {
        Fork fork = null;
        for (int i = 0; i < timestamps.length; i++)
        {
            if (Long.compareUnsigned(timestamps[i], timestamp) <= 0)
            {
                fork = forks[i];
            }
        }
        return fork;
    }

    /**
     * Activation timestamp of a fork.
     *
     * @param fork a fork.
     * @return its timestamp in seconds, or -1 if this schedule does not activate it.
     */
    public long activationTimestamp(final Fork fork)
    {
        for (int i = 0; i < forks.length; i++)
        {
            if (forks[i] == fork)
            {
                return timestamps[i];
            }
        }
        return -1;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name).append(" {");
        for (int i = 0; i < forks.length; i++)
        {
            sb.append(i == 0 ? "" : ", ").append(forks[i]).append('@').append(timestamps[i]);
        }
        return sb.append('}').toString();
    }

    private static ForkSchedule opMainnet(final String name)
    {
        return builder(name)
            .activate(Fork.REGOLITH, 0)
            .activate(Fork.CANYON, 1_704_992_401L)
            .activate(Fork.DELTA, 1_708_560_000L)
            .activate(Fork.ECOTONE, 1_710_374_401L)
            .activate(Fork.FJORD, 1_720_627_201L)
            .activate(Fork.GRANITE, 1_726_070_401L)
            .activate(Fork.HOLOCENE, 1_736_445_601L)
            .activate(Fork.ISTHMUS, 1_746_806_401L)
            .activate(Fork.JOVIAN, 1_764_691_201L)
            .build();
    }

    private static ForkSchedule opSepolia(final String name)
    {
        return builder(name)
            .activate(Fork.REGOLITH, 0)
            .activate(Fork.CANYON, 1_699_981_200L)
            .activate(Fork.DELTA, 1_703_203_200L)
            .activate(Fork.ECOTONE, 1_708_534_800L)
            .activate(Fork.FJORD, 1_716_998_400L)
            .activate(Fork.GRANITE, 1_723_478_400L)
            .activate(Fork.HOLOCENE, 1_732_633_200L)
            .activate(Fork.ISTHMUS, 1_744_905_600L)
            .activate(Fork.JOVIAN, 1_763_568_001L)
            .build();
    }

    /**
     * Collects fork activations in order.
     */
    public static final class Builder
    {
        private final String name;
        private final List<Fork> forks = new ArrayList<>();
        private final List<Long> timestamps = new ArrayList<>();

        private Builder(final String name)
        {
            this.name = name;
        }

        /**
         * Activates a fork at a timestamp. Forks must be given in their natural order, all L1 or all OP, with
         * non-decreasing timestamps; of several forks with the same timestamp the last one given wins.
         *
         * @param fork      the fork.
         * @param timestamp activation time in seconds.
         * @return this for a fluent API.
         * @throws IllegalArgumentException if the order, family or timestamps are inconsistent.
         */
        public Builder activate(final Fork fork, final long timestamp)
        {
            if (timestamp < 0)
            {
                throw new IllegalArgumentException("negative timestamp for " + fork);
            }
            if (!forks.isEmpty())
            {
                final Fork previous = forks.get(forks.size() - 1);
                if (previous.isOp() != fork.isOp())
                {
                    throw new IllegalArgumentException("cannot mix L1 and OP forks: " + previous + ", " + fork);
                }
                if (fork.ordinal() <= previous.ordinal())
                {
                    throw new IllegalArgumentException(fork + " must come after " + previous);
                }
                if (timestamp < timestamps.get(timestamps.size() - 1))
                {
                    throw new IllegalArgumentException(fork + " activates before " + previous);
                }
            }
            forks.add(fork);
            timestamps.add(timestamp);
            return this;
        }

        /**
         * The schedule.
         *
         * @return an immutable schedule.
         * @throws IllegalStateException if no fork was activated.
         */
        public ForkSchedule build()
        {
            if (forks.isEmpty())
            {
                throw new IllegalStateException("empty fork schedule " + name);
            }
            final long[] ts = new long[timestamps.size()];
            for (int i = 0; i < ts.length; i++)
            {
                ts[i] = timestamps.get(i);
            }
            return new ForkSchedule(name, ts, forks.toArray(new Fork[0]));
        }
    }
}
