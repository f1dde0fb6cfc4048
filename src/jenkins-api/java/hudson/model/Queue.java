/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/Queue.java, tag jenkins-2.555.3.
 */
package hudson.model;

public class Queue {
    public Queue(LoadBalancer loadBalancer) {
        throw new UnsupportedOperationException();
    }

    public abstract static class Item extends Actionable {
        protected Item(Item item) {
            throw new UnsupportedOperationException();
        }
    }
}
