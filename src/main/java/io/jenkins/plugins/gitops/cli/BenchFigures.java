package io.jenkins.plugins.gitops.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures the benchmarks print for a series of timings: median, min and max, to two decimals. */
final class BenchFigures {

    private BenchFigures() {}

    static Map<String, Object> summary(List<Double> millis) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("median", round(median(millis)));
        summary.put("min", round(Collections.min(millis)));
        summary.put("max", round(Collections.max(millis)));
        return summary;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
