package io.jenkins.plugins.gitops.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an environment renders a chart: what {@code helm template} is told besides the chart.
 *
 * @param name the release name ({@code .Release.Name})
 * @param namespace the release namespace ({@code .Release.Namespace}), or empty for helm's default
 * @param valuesFiles values files after the chart's own {@code values.yaml}, later ones winning, as
 *     paths relative to the chart directory that stay inside it
 * @param setFile a file of {@code path=value} lines, each given as one {@code --set} after the values
 *     files, relative to the chart directory like them
 */
public record HelmRelease(String name, String namespace, List<String> valuesFiles, Optional<String> setFile) {

    /** Release {@code release-name} (as {@code helm template} names it) in helm's default namespace, with the chart's own values only. */
    public static final HelmRelease DEFAULT = new HelmRelease("release-name", "", List.of(), Optional.empty());

    public HelmRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        valuesFiles = List.copyOf(valuesFiles);
        Objects.requireNonNull(setFile, "setFile");
    }
}
