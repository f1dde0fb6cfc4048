/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: google/guava, guava/src/com/google/common/util/concurrent/FutureCallback.java, tag v33.5.0.
 */
package com.google.common.util.concurrent;

public interface FutureCallback<V> {
    void onSuccess(V result);

    void onFailure(Throwable t);
}
