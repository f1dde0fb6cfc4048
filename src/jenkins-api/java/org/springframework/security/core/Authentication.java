/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: spring-projects/spring-security, core/src/main/java/org/springframework/security/core/Authentication.java, tag 6.5.9.
 */
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

public interface Authentication extends Principal, Serializable {}
