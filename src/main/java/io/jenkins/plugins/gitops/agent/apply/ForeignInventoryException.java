package io.jenkins.plugins.gitops.agent.apply;

/**
 * The inventory records another environment than the agent's: another environment's agent keeps it,
 * so applying would prune that agent's objects. Nothing is applied or pruned; one line.
 */
public final class ForeignInventoryException extends ApplyException {

    private static final long serialVersionUID = 1L;

    ForeignInventoryException(String message) {
        super(message, null);
    }
}
