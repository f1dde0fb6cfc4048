/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/json-lib, src/main/java/net/sf/json/JSONObject.java, tag json-lib-2.4-jenkins-15.
 */
package net.sf.json;

public final class JSONObject {
    public Object get(String key) {
        throw new UnsupportedOperationException();
    }
}
