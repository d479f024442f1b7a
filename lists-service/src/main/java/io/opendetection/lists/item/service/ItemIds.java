package io.opendetection.lists.item.service;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids and tie breakers of list items.
 *
 * <p>An item added on its own gets a time-ordered UUID (version 7 layout) as id, stored and indexed,
 * and a random tie breaker. An item added by an import stores neither: both are derived from its
 * row's key (list key, item key), in a version 8 layout that no other id has, so the millions of
 * rows of an import carry no 36-character strings and no entry in the index of ids, and an id of
 * that form is found by the row's primary key. {@link #SQL_ID} and {@link #SQL_TIE_BREAKER} are
 * the same derivations in SQL, for filters and sorts.
 */
public final class ItemIds {
    private static final AtomicLong LAST = new AtomicLong();
    private static final long MAX_LIST_KEY = (1L << 48) - 1;
    private static final long MAX_ITEM_KEY = (1L << 60) - 1;
    private static final String ID_MARK = "8000";
    private static final String TIE_BREAKER_MARK = "8001";

    /** An imported item's id in SQL, over {@code list_item i}. */
    public static final String SQL_ID = sql("i.id", ID_MARK);
    /** An imported item's tie breaker in SQL, over {@code list_item i}. */
    public static final String SQL_TIE_BREAKER = sql("i.tie_breaker_id", TIE_BREAKER_MARK);

    private ItemIds() {
    }

    /** A new id; later ids sort after earlier ones. */
    public static String next() {
        // 48 bits of milliseconds then 12 bits of sequence, bumped when several fall in one millisecond
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, now));
        long high = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0xfffL);
        long low = ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static String tieBreaker() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xf000L | 0x4000L;
        long low = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id of the imported item with these keys. */
    public static String imported(long listKey, long itemKey) {
        return derived(listKey, itemKey, ID_MARK);
    }

    /** The tie breaker of the imported item with these keys. */
    public static String importedTieBreaker(long listKey, long itemKey) {
        return derived(listKey, itemKey, TIE_BREAKER_MARK);
    }

    /** The keys (list key, item key) of an imported item's id, or null when {@code id} is not of that form. */
    public static long[] importedKeys(String id) {
        if (id == null || id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
                || id.charAt(23) != '-' || !id.startsWith(ID_MARK, 14) || id.charAt(19) != '8') {
            return null;
        }
        long listHigh = hex(id, 0, 8);
        long listLow = hex(id, 9, 13);
        long itemHigh = hex(id, 20, 23);
        long itemLow = hex(id, 24, 36);
        if (listHigh < 0 || listLow < 0 || itemHigh < 0 || itemLow < 0) {
            return null;
        }
        return new long[] {listHigh << 16 | listLow, itemHigh << 48 | itemLow};
    }

    private static String derived(long listKey, long itemKey, String mark) {
        if (listKey < 0 || listKey > MAX_LIST_KEY || itemKey < 0 || itemKey > MAX_ITEM_KEY) {
            throw new IllegalArgumentException("keys out of range: " + listKey + ", " + itemKey);
        }
        String list = String.format("%012x", listKey);
        String item = String.format("%015x", itemKey);
        return list.substring(0, 8) + '-' + list.substring(8) + '-' + mark + "-8" + item.substring(0, 3) + '-'
                + item.substring(3);
    }

    private static String sql(String stored, String mark) {
        String list = "lpad(to_hex(i.list_key), 12, '0')";
        String item = "lpad(to_hex(i.item_key), 15, '0')";
        return "COALESCE(" + stored + ", substr(" + list + ", 1, 8) || '-' || substr(" + list + ", 9, 4) || '-" + mark
                + "-8' || substr(" + item + ", 1, 3) || '-' || substr(" + item + ", 4, 12))";
    }

    /** The value of lowercase hex digits {@code [from, to)}, or -1 when one is not. */
    private static long hex(String text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || Character.isUpperCase(text.charAt(i))) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
