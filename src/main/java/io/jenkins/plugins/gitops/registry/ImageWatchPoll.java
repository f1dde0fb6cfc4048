package io.jenkins.plugins.gitops.registry;

import java.util.Optional;

/**
 * One poll of an image watch.
 *
 * @param state what to remember until the next poll
 * @param published the reference of a newly published image to act on (with its digest when the watch pins
 *     digests); empty when nothing new was seen, at the first poll, or when the poll failed
 */
public record ImageWatchPoll(ImageWatchState state, Optional<String> published) {}
