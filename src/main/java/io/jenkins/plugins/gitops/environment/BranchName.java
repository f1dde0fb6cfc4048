package io.jenkins.plugins.gitops.environment;

import java.util.Optional;

/** The rules of {@code git check-ref-format --branch}, so that a push to the branch cannot be refused for its name. */
final class BranchName {

    private static final String FORBIDDEN_CHARACTERS = " ~^:?*[\\";

    private BranchName() {}

    static Optional<String> problem(String branch) {
        if (branch == null || branch.isEmpty()) {
            return Optional.of("branch must not be empty");
        }
        if (Text.hasControlCharacter(branch)) {
            return Optional.of("branch must not contain control characters");
        }
        return reason(branch).map(reason -> "branch " + Text.quote(branch) + " is not a valid git branch name: " + reason);
    }

    private static Optional<String> reason(String branch) {
        if (branch.startsWith("refs/")) {
            return Optional.of("write the branch name alone, without 'refs/heads/'");
        }
        if (branch.equals("HEAD") || branch.equals("@")) {
            return Optional.of("'" + branch + "' is reserved");
        }
        if (branch.startsWith("-")) {
            return Optional.of("it must not start with '-'");
        }
        for (char c : FORBIDDEN_CHARACTERS.toCharArray()) {
            if (branch.indexOf(c) >= 0) {
                return Optional.of(c == ' ' ? "it must not contain spaces" : "it must not contain '" + c + "'");
            }
        }
        for (String sequence : new String[] {"..", "@{", "//"}) {
            if (branch.contains(sequence)) {
                return Optional.of("it must not contain '" + sequence + "'");
            }
        }
        if (branch.startsWith("/") || branch.endsWith("/")) {
            return Optional.of("it must not start or end with '/'");
        }
        if (branch.endsWith(".")) {
            return Optional.of("it must not end with '.'");
        }
        for (String part : branch.split("/")) {
            if (part.startsWith(".")) {
                return Optional.of("no part between '/' may start with '.'");
            }
            if (part.endsWith(".lock")) {
                return Optional.of("no part between '/' may end with '.lock'");
            }
        }
        return Optional.empty();
    }
}
