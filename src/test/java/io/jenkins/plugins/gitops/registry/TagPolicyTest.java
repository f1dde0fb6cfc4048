package io.jenkins.plugins.gitops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagPolicyTest {

    private static final List<String> TAGS = List.of("1.2.0", "v1.4.1", "1.4.10", "1.4.9", "1.5.0-rc.1", "2.0.0", "latest",
            "main-20-aaaaaaa", "main-100-bbbbbbb", "main-x-ccccccc");

    @Test
    void semverComparesVersionsNotStringsAndAcceptsALeadingV() {
        assertThat(new TagPolicy("~1.4", false, "", "", null, false).candidates(TAGS)).containsExactly("1.4.10", "1.4.9", "v1.4.1");
    }

    @Test
    void prereleasesSatisfyARangeOnlyWhenAskedFor() {
        assertThat(new TagPolicy(">=1.4 <2", false, "", "", null, false).candidates(TAGS)).first().isEqualTo("1.4.10");
        assertThat(new TagPolicy(">=1.4 <2", true, "", "", null, false).candidates(TAGS)).first().isEqualTo("1.5.0-rc.1");
    }

    @Test
    void numericOrderSkipsTagsWhoseExtractIsNotANumber() {
        TagPolicy policy = new TagPolicy("", false, "^main-([^-]+)-", "$1", TagPolicy.Order.NUMERIC, false);
        assertThat(policy.candidates(TAGS)).containsExactly("main-100-bbbbbbb", "main-20-aaaaaaa");
    }

    @Test
    void alphabeticalOrderComparesTheExtractAsText() {
        TagPolicy policy = new TagPolicy("", false, "^main-(?<n>[^-]+)-", "${n}", TagPolicy.Order.ALPHABETICAL, false);
        assertThat(policy.candidates(TAGS)).containsExactly("main-x-ccccccc", "main-20-aaaaaaa", "main-100-bbbbbbb");
    }

    @Test
    void newestBuildKeepsTheFilteredTagsForTheRegistryToDate() {
        assertThat(new TagPolicy("", false, "^main-", "", null, true).candidates(TAGS))
                .containsExactly("main-20-aaaaaaa", "main-100-bbbbbbb", "main-x-ccccccc");
    }

    @Test
    void badCombinationsAreRefusedInOneLineNamingWhatIsWrong() {
        assertThatThrownBy(() -> new TagPolicy("", false, "", "", null, false))
                .hasMessage("no policy: give a semver range, a filter with an order, or newest build");
        assertThatThrownBy(() -> new TagPolicy("^1", false, "", "", TagPolicy.Order.NUMERIC, false))
                .hasMessage("order numeric cannot be combined with semver, which orders the tags itself");
        assertThatThrownBy(() -> new TagPolicy("not a range", false, "", "", null, false))
                .hasMessage("semver range 'not a range' is not a range such as '>=1.4 <2' or '^1.4'");
        assertThatThrownBy(() -> new TagPolicy("", false, "main-(", "", TagPolicy.Order.NUMERIC, false))
                .hasMessageStartingWith("filter 'main-(' is not a regular expression: Unclosed group");
        assertThatThrownBy(() -> new TagPolicy("", true, "x", "", TagPolicy.Order.NUMERIC, false))
                .hasMessage("pre-releases only apply to a semver range");
        assertThatThrownBy(() -> new TagPolicy("", false, "", "$1", TagPolicy.Order.NUMERIC, false))
                .hasMessage("extract '$1' needs a filter to extract from");
        assertThatThrownBy(() -> new TagPolicy("", false, "^main-", "$ts", TagPolicy.Order.NUMERIC, false).candidates(TAGS))
                .hasMessageStartingWith("extract '$ts' names a group that filter '^main-' does not have");
    }

    @Test
    void describesItselfForMessages() {
        assertThat(new TagPolicy(">=1.4 <2", true, "", "", null, false).describe()).isEqualTo("semver '>=1.4 <2' with pre-releases");
        assertThat(new TagPolicy("", false, "^main-(\\d+)", "$1", TagPolicy.Order.NUMERIC, false).describe())
                .isEqualTo("filter '^main-(\\d+)' extract '$1', numeric order");
    }
}
