package io.opendetection.lists.membership.service;

import java.util.Arrays;

/**
 * Records of unsigned 128-bit numbers, each a pair of longs (high, low), packed in one array and
 * sorted by their first number: addresses (one number each) or intervals of addresses (two).
 */
final class Uint128Records {
    private final long[] words;
    private final int count;
    private final int width;

    private Uint128Records(long[] words, int count, int width) {
        this.words = words;
        this.count = count;
        this.width = width;
    }

    long bytes() {
        return 8L * width * count;
    }

    /** Whether a record's first number is (high, low). */
    boolean find(long high, long low) {
        int at = lastAtMost(high, low);
        return at >= 0 && words[at * width] == high && words[at * width + 1] == low;
    }

    /** For intervals: whether one holds (high, low). */
    boolean covers(long high, long low) {
        int at = lastAtMost(high, low);
        return at >= 0 && compare(high, low, words[at * width + 2], words[at * width + 3]) <= 0;
    }

    /** The last record whose first number is at most (high, low), or -1. */
    private int lastAtMost(long high, long low) {
        int from = 0;
        int to = count - 1;
        int found = -1;
        while (from <= to) {
            int middle = (from + to) >>> 1;
            if (compare(words[middle * width], words[middle * width + 1], high, low) <= 0) {
                found = middle;
                from = middle + 1;
            } else {
                to = middle - 1;
            }
        }
        return found;
    }

    static int compare(long highA, long lowA, long highB, long lowB) {
        int byHigh = Long.compareUnsigned(highA, highB);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(lowA, lowB);
    }

    static final class Builder {
        private final int width;
        private long[] words;
        private int count;

        /** {@code width} longs per record: 2 for a number, 4 for an interval. */
        Builder(int width) {
            this.width = width;
            this.words = new long[16 * width];
        }

        void add(long... record) {
            if ((count + 1) * width > words.length) {
                words = Arrays.copyOf(words, words.length + (words.length >> 1) + width);
            }
            System.arraycopy(record, 0, words, count * width, width);
            count++;
        }

        long bytes() {
            return 8L * width * count;
        }

        Uint128Records sorted() {
            heapSort();
            return new Uint128Records(words, count, width);
        }

        /** Intervals sorted by their start, overlapping ones merged: disjoint, so one binary search answers. */
        Uint128Records merged() {
            heapSort();
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int at = i * width;
                if (kept > 0) {
                    int last = (kept - 1) * width;
                    if (compare(words[at], words[at + 1], words[last + 2], words[last + 3]) <= 0) {
                        if (compare(words[at + 2], words[at + 3], words[last + 2], words[last + 3]) > 0) {
                            words[last + 2] = words[at + 2];
                            words[last + 3] = words[at + 3];
                        }
                        continue;
                    }
                }
                System.arraycopy(words, at, words, kept * width, width);
                kept++;
            }
            return new Uint128Records(Arrays.copyOf(words, kept * width), kept, width);
        }

        // heap sort: in place on the packed records, no boxing
        private void heapSort() {
            for (int i = count / 2 - 1; i >= 0; i--) {
                siftDown(i, count);
            }
            for (int end = count - 1; end > 0; end--) {
                swap(0, end);
                siftDown(0, end);
            }
        }

        private void siftDown(int root, int size) {
            while (true) {
                int child = 2 * root + 1;
                if (child >= size) {
                    return;
                }
                if (child + 1 < size && less(child, child + 1)) {
                    child++;
                }
                if (!less(root, child)) {
                    return;
                }
                swap(root, child);
                root = child;
            }
        }

        private boolean less(int a, int b) {
            return compare(words[a * width], words[a * width + 1], words[b * width], words[b * width + 1]) < 0;
        }

        private void swap(int a, int b) {
            for (int i = 0; i < width; i++) {
                long kept = words[a * width + i];
                words[a * width + i] = words[b * width + i];
                words[b * width + i] = kept;
            }
        }
    }
}
