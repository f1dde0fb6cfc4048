package io.jenkins.plugins.gitops.git;

/** The author or committer of a commit. */
public record GitIdentity(String name, String email) {

    public GitIdentity {
        if (name == null || name.isBlank() || name.contains("\n") || name.contains("<") || name.contains(">")) {
            throw new IllegalArgumentException("git identity name '" + name + "' must be one line without < or >");
        }
        if (email == null || email.contains("\n") || email.contains("<") || email.contains(">")) {
            throw new IllegalArgumentException("git identity email '" + email + "' must be one line without < or >");
        }
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
