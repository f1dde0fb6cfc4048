package io.jenkins.plugins.gitops.manifest;

import java.util.List;

/** A revision rendered whole, or refused whole: there is no partly rendered revision. */
public sealed interface RenderResult {

    /**
     * Every object of the revision, in file order, then document order, and the warnings: what was
     * changed in them on the way ({@link ServerOwnedFields}, {@link ClusterScope}), objects skipped,
     * an empty result.
     */
    record Rendered(List<ManifestObject> objects, List<Problem> warnings) implements RenderResult {
        public Rendered {
            objects = List.copyOf(objects);
            warnings = List.copyOf(warnings);
        }
    }

    /** Every problem found, in file and line order; nothing of the revision may be applied. */
    record Refused(List<Problem> problems) implements RenderResult {
        public Refused {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refused revision names at least one problem");
            }
            problems = List.copyOf(problems);
        }
    }
}
