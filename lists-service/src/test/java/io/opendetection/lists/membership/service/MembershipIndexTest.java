package io.opendetection.lists.membership.service;

import io.opendetection.lists.item.service.InvalidValueException;
import io.opendetection.lists.item.service.TypedValue;
import io.opendetection.lists.item.service.ValueTypes;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembershipIndexTest {
    private static MembershipIndex index(String type, String... values) throws InvalidValueException {
        MembershipIndex.Builder builder = MembershipIndex.builder(type);
        for (String value : values) {
            builder.add(ValueTypes.parse(type, value).matchKey());
        }
        return builder.build();
    }

    private static boolean contains(MembershipIndex index, String type, String asked) {
        String key = ValueTypes.matchKey(type, asked);
        return key != null && index.contains(key);
    }

    @Test
    void addressesAreInWhenEqualOrInsideARange() throws InvalidValueException {
        MembershipIndex index = index("ip_range", "127.0.0.1", "10.0.0.0/8", "192.168.1.10-192.168.1.20",
                "192.168.1.15-192.168.1.30", "2001:db8::1", "2001:db8:1::/48", "0.0.0.0", "255.255.255.255");

        for (String in : List.of("127.0.0.1", "10.0.0.0", "10.255.255.255", "192.168.1.10", "192.168.1.30",
                "2001:DB8:0::1", "2001:db8:1:ffff::1", "0.0.0.0", "255.255.255.255")) {
            assertTrue(contains(index, "ip_range", in), in);
        }
        for (String out : List.of("127.0.0.2", "11.0.0.0", "9.255.255.255", "192.168.1.9", "192.168.1.31",
                "2001:db8::2", "2001:db8:2::", "::ffff:10.0.0.1", "::a00:1", "255.255.255.254")) {
            assertFalse(contains(index, "ip_range", out), out);
        }
    }

    @Test
    void anEmptyListHoldsNothing() throws InvalidValueException {
        assertFalse(contains(index("ip"), "ip", "10.0.0.1"));
        assertFalse(contains(index("keyword"), "keyword", "a"));
    }

    @Test
    void otherTypesCompareTheirNormalisedValues() throws InvalidValueException {
        MembershipIndex longs = index("long", "42", "7");
        assertTrue(contains(longs, "long", "42.0"));
        assertTrue(contains(longs, "long", "007"));
        assertFalse(contains(longs, "long", "8"));
        MembershipIndex keywords = index("keyword", "Root", "admin");
        assertTrue(contains(keywords, "keyword", " admin "));
        assertFalse(contains(keywords, "keyword", "root"));
    }

    /** Random IPv4 and IPv6 addresses, blocks and ranges, against a plain scan of every item. */
    @Test
    void agreesWithAScanOfEveryItem() throws Exception {
        Random random = new Random(42);
        List<TypedValue> items = new ArrayList<>();
        MembershipIndex.Builder builder = MembershipIndex.builder("ip_range");
        for (int i = 0; i < 3_000; i++) {
            String value = switch (random.nextInt(6)) {
                case 0 -> v4(random);
                case 1 -> v4(random) + "/" + (16 + random.nextInt(17));
                case 2 -> {
                    String first = "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + random.nextInt(256);
                    String last = "10." + (4 + random.nextInt(4)) + "." + random.nextInt(256) + "." + random.nextInt(256);
                    yield first + "-" + last;
                }
                case 3 -> v6(random);
                case 4 -> v6(random) + "/" + (100 + random.nextInt(29));
                default -> "::ffff:" + v4(random);
            };
            TypedValue typed = ValueTypes.parse("ip_range", value);
            items.add(typed);
            builder.add(typed.matchKey());
        }
        MembershipIndex index = builder.build();
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            String asked = i % 3 == 0 ? v6(random) : i % 3 == 1 ? v4(random) : "10." + random.nextInt(8) + ".1.1";
            String key = ValueTypes.matchKey("ip_range", asked);
            boolean expected = scan(items, key);
            assertEquals(expected, index.contains(key), asked);
            found += expected ? 1 : 0;
        }
        assertTrue(found > 1_000, "the data lets both answers happen: " + found);
    }

    private static boolean scan(List<TypedValue> items, String key) throws UnknownHostException {
        byte[] asked = InetAddress.getByName(key).getAddress();
        for (TypedValue item : items) {
            if (!item.isRange()) {
                if (item.matchKey().equals(key)) {
                    return true;
                }
                continue;
            }
            byte[] low = InetAddress.getByName(item.lowIp()).getAddress();
            byte[] high = InetAddress.getByName(item.highIp()).getAddress();
            if (low.length == asked.length && number(low).compareTo(number(asked)) <= 0
                    && number(asked).compareTo(number(high)) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static BigInteger number(byte[] address) {
        return new BigInteger(1, address);
    }

    private static String v4(Random random) {
        return (random.nextBoolean() ? "10." : "172.") + random.nextInt(8) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private static String v6(Random random) {
        return "2001:db8:" + Integer.toHexString(random.nextInt(4)) + "::" + Integer.toHexString(random.nextInt(65536));
    }
}
