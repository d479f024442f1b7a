package io.opendetection.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** How benchmarks print what they measured, one figure per line, so the README can quote them. */
public final class Figures {
    private Figures() {
    }

    public static void print(String name, String value) {
        System.out.printf("FIGURE %-60s %s%n", name, value);
    }

    public static void seconds(String name, long startedNanos) {
        print(name, String.format("%.2f s", (System.nanoTime() - startedNanos) / 1e9));
    }

    /** p50/p99/max of latencies in nanoseconds, printed in milliseconds. */
    public static void latencies(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        print(name, String.format("n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", sorted.length,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6));
    }

    public static long percentile(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** What Elasticsearch did for an index: bulks, indexing, refreshes and merges (its primaries). */
    public static void indexStats(String name, String elasticsearch, String index) {
        JsonNode stats = Http.get(elasticsearch + "/" + index + "/_stats/bulk,indexing,refresh,merge")
                .path("_all").path("primaries");
        print(name, String.format("%d bulks (avg %d KiB, %d ms), indexing %d ms (%d documents, %d failed), %d refreshes (%d ms), merges %d ms",
                stats.path("bulk").path("total_operations").asLong(),
                stats.path("bulk").path("avg_size_in_bytes").asLong() / 1024,
                stats.path("bulk").path("total_time_in_millis").asLong(),
                stats.path("indexing").path("index_time_in_millis").asLong(),
                stats.path("indexing").path("index_total").asLong(),
                stats.path("indexing").path("index_failed").asLong(),
                stats.path("refresh").path("total").asLong(),
                stats.path("refresh").path("total_time_in_millis").asLong(),
                stats.path("merges").path("total_time_in_millis").asLong()));
    }

    /** Resident set size of a process, from /proc (Linux), in MiB; -1 when unknown. */
    public static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
