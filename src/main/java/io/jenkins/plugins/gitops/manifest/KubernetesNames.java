package io.jenkins.plugins.gitops.manifest;

import java.util.regex.Pattern;

/** The name syntaxes the Kubernetes API server enforces, checked before anything reaches it. */
final class KubernetesNames {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");

    static final String DNS_LABEL_RULE = "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
    static final String DNS_1035_LABEL_RULE = "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters";
    static final String DNS_SUBDOMAIN_RULE = "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";
    static final String PATH_SEGMENT_RULE = "any text but '.' or '..', without '/' or '%'";
    static final String QUALIFIED_NAME_RULE = "an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    static final String LABEL_VALUE_RULE = "empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    private KubernetesNames() {}

    static boolean isDnsLabel(String text) {
        return text.length() <= 63 && DNS_LABEL.matcher(text).matches();
    }

    static boolean isDns1035Label(String text) {
        return text.length() <= 63 && DNS_1035_LABEL.matcher(text).matches();
    }

    static boolean isDnsSubdomain(String text) {
        return text.length() <= 253 && DNS_SUBDOMAIN.matcher(text).matches();
    }

    static boolean isPathSegment(String text) {
        return !text.isEmpty() && !text.equals(".") && !text.equals("..") && text.indexOf('/') < 0 && text.indexOf('%') < 0;
    }

    /** Label and annotation keys: {@code app}, {@code app.kubernetes.io/name}. */
    static boolean isQualifiedName(String text) {
        int slash = text.indexOf('/');
        String name = slash < 0 ? text : text.substring(slash + 1);
        if (slash >= 0 && !isDnsSubdomain(text.substring(0, slash))) {
            return false;
        }
        return name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches();
    }

    static boolean isLabelValue(String text) {
        return text.isEmpty() || (text.length() <= 63 && QUALIFIED_NAME_PART.matcher(text).matches());
    }

    /** {@code v1}, {@code apps/v1}, {@code cert-manager.io/v1beta1}. */
    static boolean isApiVersion(String text) {
        int slash = text.indexOf('/');
        String version = slash < 0 ? text : text.substring(slash + 1);
        if (slash >= 0 && !isDnsSubdomain(text.substring(0, slash))) {
            return false;
        }
        return isDnsLabel(version);
    }

    /** Kinds are CamelCase: {@code Deployment}, never {@code deployment}. */
    static boolean isKind(String text) {
        return text.length() <= 63 && KIND.matcher(text).matches();
    }
}
