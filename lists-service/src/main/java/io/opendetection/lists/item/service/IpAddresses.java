package io.opendetection.lists.item.service;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * IP address literals as Elasticsearch's ip type takes them, in canonical form (IPv4 dotted,
 * IPv6 compressed as RFC 5952 writes it), without ever asking DNS.
 */
public final class IpAddresses {
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /** The address's bytes (4 or 16), or null when the text is not an IP address. */
    public static byte[] parse(String text) {
        if (text.indexOf(':') < 0) {
            return parseV4(text);
        }
        return IPV6_CHARS.matcher(text).matches() ? parseV6(text) : null;
    }

    static String canonical(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero groups (the first, on a tie) becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    static BigInteger number(byte[] address) {
        return new BigInteger(1, address);
    }

    static byte[] bytes(BigInteger number, int length) {
        byte[] raw = number.toByteArray();
        byte[] address = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, address, length - copy, copy);
        return address;
    }

    /** The first and last address of {@code address/prefix}, or null when the prefix is out of range. */
    static byte[][] cidr(byte[] address, int prefix) {
        int bits = address.length * 8;
        if (prefix < 0 || prefix > bits) {
            return null;
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger low = number(address).andNot(hostMask);
        return new byte[][]{bytes(low, address.length), bytes(low.or(hostMask), address.length)};
    }

    static int compare(byte[] a, byte[] b) {
        return a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compareUnsigned(a, b);
    }

    /** Four dot-separated groups of one to three ASCII digits, each at most 255; by hand, as imports parse millions. */
    private static byte[] parseV4(String text) {
        long bits = parseV4Bits(text);
        return bits < 0 ? null : new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /**
     * A dotted IPv4 address as an unsigned int, or -1 when the text is not one. Allocates nothing:
     * membership questions read thousands of addresses at a time.
     */
    public static long parseV4Bits(String text) {
        long address = 0;
        int groups = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return -1;
                }
                value = value * 10 + (c - '0');
            } else if (c == '.' && digits > 0 && groups < 3 && value <= 255) {
                address = address << 8 | value;
                groups++;
                digits = 0;
                value = 0;
            } else {
                return -1;
            }
        }
        return groups == 3 && digits > 0 && value <= 255 ? address << 8 | value : -1;
    }

    private static byte[] parseV6(String text) {
        int embedded = text.lastIndexOf(':');
        String head = text;
        byte[] v4 = null;
        if (text.indexOf('.', embedded) >= 0) {
            v4 = parseV4(text.substring(embedded + 1));
            if (v4 == null) {
                return null;
            }
            head = text.substring(0, embedded + 1) + "0:0";
        }
        int gap = head.indexOf("::");
        if (gap >= 0 && head.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] left = gap >= 0 ? splitGroups(head.substring(0, gap)) : splitGroups(head);
        String[] right = gap >= 0 ? splitGroups(head.substring(gap + 2)) : new String[0];
        if (left == null || right == null) {
            return null;
        }
        int given = left.length + right.length;
        if (gap < 0 ? given != 8 : given > 7) {
            return null;
        }
        byte[] address = new byte[16];
        if (!fill(address, left, 0) || !fill(address, right, 8 - right.length)) {
            return null;
        }
        if (v4 != null) {
            System.arraycopy(v4, 0, address, 12, 4);
        }
        return address;
    }

    private static String[] splitGroups(String part) {
        if (part.isEmpty()) {
            return new String[0];
        }
        String[] groups = part.split(":", -1);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4 || group.indexOf('.') >= 0) {
                return null;
            }
        }
        return groups;
    }

    private static boolean fill(byte[] address, String[] groups, int firstGroup) {
        for (int i = 0; i < groups.length; i++) {
            int value = Integer.parseInt(groups[i], 16);
            address[2 * (firstGroup + i)] = (byte) (value >> 8);
            address[2 * (firstGroup + i) + 1] = (byte) value;
        }
        return true;
    }
}
