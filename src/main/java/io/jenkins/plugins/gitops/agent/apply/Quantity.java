package io.jenkins.plugins.gitops.agent.apply;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes quantities ({@code 500m}, {@code 1.5Gi}, {@code 1e3}, a bare number), which the server
 * stores in a canonical form of its own: {@code cpu: 0.5} comes back as {@code "500m"},
 * {@code 1024Mi} as {@code "1Gi"}. Only the amount says whether Git's value changed.
 */
final class Quantity {

    private static final Pattern FORM = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?");

    private static final Pattern CANONICAL = Pattern.compile("-?[0-9]+([eE][0-9]+|[KMGTPE]i|[numkMGTPE])?");

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantity() {}

    /**
     * Whether {@code live} is a quantity in the canonical form the server writes (a whole number and
     * a suffix) holding the amount of {@code desired}, a quantity in any form.
     */
    static boolean sameAmount(Object live, Object desired) {
        if (!(live instanceof String text) || !CANONICAL.matcher(text).matches()) {
            return false;
        }
        BigDecimal x = amount(live);
        BigDecimal y = amount(desired);
        return x != null && y != null && x.compareTo(y) == 0;
    }

    /** The amount, or null when the value is not a quantity. */
    static BigDecimal amount(Object value) {
        if (value instanceof Number number) {
            return ObjectTree.decimal(number);
        }
        if (!(value instanceof String text)) {
            return null;
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2);
        if (suffix == null) {
            return number;
        }
        if (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        return number.multiply(SUFFIXES.get(suffix));
    }
}
