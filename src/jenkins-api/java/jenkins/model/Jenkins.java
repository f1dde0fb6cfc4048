/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/jenkins/model/Jenkins.java, tag jenkins-2.555.3.
 */
package jenkins.model;

import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.csrf.CrumbIssuer;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import org.jvnet.hudson.reactor.ReactorException;
import org.springframework.security.core.Authentication;

public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    protected Jenkins(File root, ServletContext context) throws IOException, InterruptedException, ReactorException {
        throw new UnsupportedOperationException();
    }

    public static final Permission ADMINISTER = null;

    public static final Permission READ = null;

    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public CrumbIssuer getCrumbIssuer() {
        throw new UnsupportedOperationException();
    }

    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException();
    }
}
