package io.opendetection.lists.membership.service;

import java.util.HashSet;
import java.util.Set;

/** A list of any type but ip and ip_range: its match keys in a hash set. */
final class KeyIndex implements MembershipIndex {
    // a String with its array, a HashMap node and its slot in the table, on a 64-bit JVM
    private static final long ENTRY_BYTES = 96;

    private final Set<String> keys;
    private final long bytes;

    private KeyIndex(Set<String> keys, long bytes) {
        this.keys = keys;
        this.bytes = bytes;
    }

    @Override
    public boolean contains(String matchKey) {
        return keys.contains(matchKey);
    }

    @Override
    public long bytes() {
        return bytes;
    }

    static final class Builder implements MembershipIndex.Builder {
        private final Set<String> keys = new HashSet<>();
        private long bytes;

        @Override
        public void add(String matchKey) {
            if (keys.add(matchKey)) {
                bytes += ENTRY_BYTES + 2L * matchKey.length();
            }
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public MembershipIndex build() {
            return new KeyIndex(keys, bytes);
        }
    }
}
