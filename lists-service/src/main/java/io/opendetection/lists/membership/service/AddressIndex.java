package io.opendetection.lists.membership.service;

import io.opendetection.lists.item.service.IpAddresses;

import java.util.Arrays;

/**
 * An ip or ip_range list: its single addresses as sorted primitive arrays (IPv4 as ints, IPv6 as
 * pairs of longs), its ranges and CIDR blocks merged into sorted disjoint intervals; each question
 * is binary searches. IPv4 and IPv6 never meet, as in PostgreSQL's inet order.
 */
final class AddressIndex implements MembershipIndex {
    private final int[] v4;
    private final int v4Count;
    private final Uint128Records v6;
    private final Uint128Records v4Ranges;
    private final Uint128Records v6Ranges;

    private AddressIndex(int[] v4, int v4Count, Uint128Records v6, Uint128Records v4Ranges, Uint128Records v6Ranges) {
        this.v4 = v4;
        this.v4Count = v4Count;
        this.v6 = v6;
        this.v4Ranges = v4Ranges;
        this.v6Ranges = v6Ranges;
    }

    @Override
    public boolean contains(String matchKey) {
        long v4Address = IpAddresses.parseV4Bits(matchKey);
        if (v4Address >= 0) {
            int bits = (int) v4Address;
            return Arrays.binarySearch(v4, 0, v4Count, bits ^ Integer.MIN_VALUE) >= 0 || v4Ranges.covers(0, v4Address);
        }
        byte[] address = IpAddresses.parse(matchKey);
        if (address == null) {
            return false;
        }
        if (address.length == 4) {
            int bits = v4Bits(address);
            return Arrays.binarySearch(v4, 0, v4Count, bits ^ Integer.MIN_VALUE) >= 0
                    || v4Ranges.covers(0, Integer.toUnsignedLong(bits));
        }
        long high = word(address, 0);
        long low = word(address, 8);
        return v6.find(high, low) || v6Ranges.covers(high, low);
    }

    @Override
    public long bytes() {
        return 4L * v4Count + v6.bytes() + v4Ranges.bytes() + v6Ranges.bytes();
    }

    private static int v4Bits(byte[] address) {
        return (address[0] & 0xff) << 24 | (address[1] & 0xff) << 16 | (address[2] & 0xff) << 8 | (address[3] & 0xff);
    }

    private static long word(byte[] address, int from) {
        long word = 0;
        for (int i = from; i < from + 8; i++) {
            word = word << 8 | (address[i] & 0xff);
        }
        return word;
    }

    static final class Builder implements MembershipIndex.Builder {
        // ints with the sign bit flipped, so that signed order is the addresses' order
        private int[] v4 = new int[1024];
        private int v4Count;
        private final Uint128Records.Builder v6 = new Uint128Records.Builder(2);
        private final Uint128Records.Builder v4Ranges = new Uint128Records.Builder(4);
        private final Uint128Records.Builder v6Ranges = new Uint128Records.Builder(4);

        /** A canonical address, or a range "first-last" of canonical addresses as stored for ip_range items. */
        @Override
        public void add(String matchKey) {
            int dash = matchKey.indexOf('-');
            if (dash < 0) {
                byte[] address = IpAddresses.parse(matchKey);
                if (address == null) {
                    throw new IllegalStateException("not an address: " + matchKey);
                }
                if (address.length == 4) {
                    if (v4Count == v4.length) {
                        v4 = Arrays.copyOf(v4, v4.length + (v4.length >> 1));
                    }
                    v4[v4Count++] = v4Bits(address) ^ Integer.MIN_VALUE;
                } else {
                    v6.add(word(address, 0), word(address, 8));
                }
                return;
            }
            byte[] first = IpAddresses.parse(matchKey.substring(0, dash));
            byte[] last = IpAddresses.parse(matchKey.substring(dash + 1));
            if (first == null || last == null || first.length != last.length) {
                throw new IllegalStateException("not a range of addresses: " + matchKey);
            }
            if (first.length == 4) {
                v4Ranges.add(0, Integer.toUnsignedLong(v4Bits(first)), 0, Integer.toUnsignedLong(v4Bits(last)));
            } else {
                v6Ranges.add(word(first, 0), word(first, 8), word(last, 0), word(last, 8));
            }
        }

        @Override
        public long bytes() {
            return 4L * v4Count + v6.bytes() + v4Ranges.bytes() + v6Ranges.bytes();
        }

        @Override
        public MembershipIndex build() {
            Arrays.sort(v4, 0, v4Count);
            return new AddressIndex(v4, v4Count, v6.sorted(), v4Ranges.merged(), v6Ranges.merged());
        }
    }
}
