package io.jenkins.plugins.gitops.registry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * Which tag of a repository is the latest, as Flux's image policies and Argo CD Image Updater's strategies
 * say it: the highest semantic version in a range, the highest value a regular expression extracts from the
 * tag in numeric or alphabetical order, or the newest build (its config's creation time) among the tags the
 * range or expression lets through.
 *
 * @param semver a semver range such as {@code >=1.4 <2} or {@code ^1.4}; {@code ""} for none
 * @param prereleases whether versions such as {@code 1.5.0-rc.1} may satisfy the range
 * @param filter a regular expression a tag must contain a match of; {@code ""} lets every tag through
 * @param extract what of the match is ordered, with {@code $1}, {@code $name} or {@code ${name}}; {@code ""} for the tag
 * @param order how extracted values are ordered, the highest winning; {@code null} when semver or newest build orders
 * @param newestBuild whether the tag whose image was built last wins
 */
public record TagPolicy(String semver, boolean prereleases, String filter, String extract, Order order, boolean newestBuild) {

    /** How values extracted by {@link #filter} are ordered. */
    public enum Order {
        NUMERIC,
        ALPHABETICAL;

        /** {@code numeric} or {@code alphabetical}, as a person writes it. */
        public static Order parse(String text) {
            for (Order order : values()) {
                if (order.name().equalsIgnoreCase(text)) {
                    return order;
                }
            }
            throw new IllegalArgumentException("order '" + text + "' is neither numeric nor alphabetical");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern GO_NAMED_GROUP = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Checks the combination; the message of a bad one is one line naming the options involved. */
    public TagPolicy {
        semver = Objects.requireNonNullElse(semver, "").strip();
        filter = Objects.requireNonNullElse(filter, "");
        extract = Objects.requireNonNullElse(extract, "");
        if (semver.isEmpty() && order == null && !newestBuild) {
            throw new IllegalArgumentException("no policy: give a semver range, a filter with an order, or newest build");
        }
        if (order != null && (!semver.isEmpty() || newestBuild)) {
            throw new IllegalArgumentException("order " + order + " cannot be combined with "
                    + (newestBuild ? "newest build" : "semver") + ", which orders the tags itself");
        }
        if (prereleases && semver.isEmpty()) {
            throw new IllegalArgumentException("pre-releases only apply to a semver range");
        }
        if (!extract.isEmpty() && filter.isEmpty()) {
            throw new IllegalArgumentException("extract '" + extract + "' needs a filter to extract from");
        }
        if (!filter.isEmpty()) {
            try {
                Pattern.compile(filter);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("filter '" + filter + "' is not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        if (!semver.isEmpty()) {
            range(semver, prereleases);
        }
    }

    private static RangeList range(String semver, boolean prereleases) {
        RangeList range;
        try {
            range = RangeListFactory.create(semver, prereleases);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("semver range '" + semver + "' is not a range: " + e.getMessage());
        }
        if (range.get().isEmpty()) {
            throw new IllegalArgumentException("semver range '" + semver + "' is not a range such as '>=1.4 <2' or '^1.4'");
        }
        return range;
    }

    /** The tags this policy lets through, best first; for newest build in the order given, the build time deciding. */
    public List<String> candidates(List<String> tags) {
        List<String> passed = new ArrayList<>();
        Pattern pattern = filter.isEmpty() ? null : Pattern.compile(filter);
        RangeList range = semver.isEmpty() ? null : range(semver, prereleases);
        List<Ranked<?>> ranked = new ArrayList<>();
        for (String tag : tags) {
            Optional<String> value = pattern == null ? Optional.of(tag) : extracted(pattern, tag);
            if (value.isEmpty()) {
                continue;
            }
            if (!semver.isEmpty()) {
                version(tag).filter(range::isSatisfiedBy)
                        .ifPresent(v -> ranked.add(new Ranked<>(tag, v, Comparator.<Semver>naturalOrder())));
            } else if (order == Order.NUMERIC) {
                number(value.get()).ifPresent(n -> ranked.add(new Ranked<>(tag, n, Comparator.<BigDecimal>naturalOrder())));
            } else if (order == Order.ALPHABETICAL) {
                ranked.add(new Ranked<>(tag, value.get(), Comparator.<String>naturalOrder()));
            } else {
                passed.add(tag);
            }
        }
        if (newestBuild) {
            return ranked.isEmpty() ? passed : ranked.stream().map(Ranked::tag).toList();
        }
        ranked.sort(null);
        return ranked.stream().map(Ranked::tag).toList();
    }

    /** A tag with the value it is ordered by: the highest value first, then the highest tag. */
    private record Ranked<V>(String tag, V value, Comparator<V> comparator) implements Comparable<Ranked<?>> {
        @Override
        @SuppressWarnings("unchecked")
        public int compareTo(Ranked<?> other) {
            int byValue = comparator.compare(((Ranked<V>) other).value, value);
            return byValue != 0 ? byValue : other.tag.compareTo(tag);
        }
    }

    private Optional<String> extracted(Pattern pattern, String tag) {
        Matcher matcher = pattern.matcher(tag);
        if (!matcher.find()) {
            return Optional.empty();
        }
        if (extract.isEmpty()) {
            return Optional.of(tag);
        }
        // Flux's templates are Go's ($name); Java's replacement syntax wants ${name}.
        String template = GO_NAMED_GROUP.matcher(extract).replaceAll("\\${$1}");
        StringBuilder expanded = new StringBuilder();
        try {
            matcher.appendReplacement(expanded, template);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("extract '" + extract + "' names a group that filter '" + filter
                    + "' does not have: " + e.getMessage());
        }
        return Optional.of(expanded.substring(matcher.start()));
    }

    /** A tag as a semantic version; a leading {@code v} is allowed, as Flux allows it. */
    static Optional<Semver> version(String tag) {
        String text = tag.startsWith("v") || tag.startsWith("V") ? tag.substring(1) : tag;
        return Optional.ofNullable(Semver.parse(text));
    }

    private static Optional<BigDecimal> number(String value) {
        try {
            return Optional.of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The policy in one line, for messages: {@code semver '>=1.4 <2'}, {@code filter '^main-' numeric}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!semver.isEmpty()) {
            parts.add("semver '" + semver + "'" + (prereleases ? " with pre-releases" : ""));
        }
        if (!filter.isEmpty()) {
            parts.add("filter '" + filter + "'" + (extract.isEmpty() ? "" : " extract '" + extract + "'"));
        }
        if (order != null) {
            parts.add(order + " order");
        }
        if (newestBuild) {
            parts.add("newest build");
        }
        return String.join(", ", parts);
    }
}
