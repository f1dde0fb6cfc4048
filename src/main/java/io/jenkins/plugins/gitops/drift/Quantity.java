package io.jenkins.plugins.gitops.drift;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 1Gi}, {@code 1e3}) as exact numbers, because the
 * API server rewrites them to a canonical form: {@code 0.5} becomes {@code 500m}, {@code 1000m} becomes
 * {@code 1}, {@code 0.5Gi} becomes {@code 512Mi}.
 */
public final class Quantity {

    private static final Pattern FORM = Pattern.compile(
            "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:([eE][+-]?\\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?");

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
            Map.entry("Ei", BigDecimal.valueOf(2).pow(60)),
            Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
            Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

    private Quantity() {}

    /** The exact amount a quantity string or number stands for, or empty when it is not a quantity. */
    static Optional<BigDecimal> amount(Object value) {
        if (value instanceof Number number) {
            return JsonValues.decimal(number);
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        if (matcher.group(2) != null) {
            try {
                return Optional.of(amount.scaleByPowerOfTen(Integer.parseInt(matcher.group(2).substring(1))));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        return Optional.of(matcher.group(3) == null ? amount : amount.multiply(SUFFIXES.get(matcher.group(3))));
    }

    /** Whether both values are quantities of the same amount. */
    public static boolean sameAmount(Object left, Object right) {
        Optional<BigDecimal> leftAmount = amount(left);
        Optional<BigDecimal> rightAmount = amount(right);
        return leftAmount.isPresent()
                && rightAmount.isPresent()
                && leftAmount.get().compareTo(rightAmount.get()) == 0;
    }
}
