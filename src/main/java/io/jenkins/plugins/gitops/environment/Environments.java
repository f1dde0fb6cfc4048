package io.jenkins.plugins.gitops.environment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured environments, in the order they were configured, with unique names. Immutable. */
public final class Environments implements Iterable<Environment> {

    public static final Environments NONE = new Environments(List.of());

    private final Map<String, Environment> byName;

    private Environments(List<Environment> environments) {
        Map<String, Environment> map = new LinkedHashMap<>();
        environments.forEach(environment -> map.put(environment.name(), environment));
        this.byName = Collections.unmodifiableMap(map);
    }

    /** @throws InvalidEnvironmentException when two environments share a name */
    public static Environments of(List<Environment> environments) {
        List<FieldProblem> problems = duplicateNames(environments.stream().map(Environment::name).toList());
        if (!problems.isEmpty()) {
            throw new InvalidEnvironmentException(problems);
        }
        return new Environments(environments);
    }

    /**
     * Validates every environment and that their names are unique. Each problem names the environment it is
     * about, by name or, when that is blank, by position.
     *
     * @throws InvalidEnvironmentException with every problem found
     */
    public static Environments parse(List<EnvironmentInput> inputs) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String label = label(inputs.get(i), i);
            for (FieldProblem problem : inputs.get(i).problems()) {
                problems.add(new FieldProblem(problem.field(), "environment " + label + ": " + problem.message()));
            }
        }
        problems.addAll(duplicateNames(inputs.stream().map(input -> EnvironmentField.NAME.normalise(input.name())).toList()));
        if (!problems.isEmpty()) {
            throw new InvalidEnvironmentException(problems);
        }
        return new Environments(inputs.stream().map(EnvironmentInput::toEnvironment).toList());
    }

    public Optional<Environment> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    public List<Environment> asList() {
        return List.copyOf(byName.values());
    }

    public int size() {
        return byName.size();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public Iterator<Environment> iterator() {
        return byName.values().iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Environments that && asList().equals(that.asList());
    }

    @Override
    public int hashCode() {
        return asList().hashCode();
    }

    @Override
    public String toString() {
        return "Environments" + byName.keySet();
    }

    private static String label(EnvironmentInput input, int index) {
        String name = EnvironmentField.NAME.normalise(input.name());
        return name.isEmpty() ? "#" + (index + 1) : Text.quote(name);
    }

    private static List<FieldProblem> duplicateNames(List<String> names) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.stream().filter(name -> !name.isEmpty()).forEach(name -> counts.merge(name, 1, Integer::sum));
        List<FieldProblem> problems = new ArrayList<>();
        counts.forEach((name, count) -> {
            if (count > 1) {
                problems.add(new FieldProblem(EnvironmentField.NAME, "environment name " + Text.quote(name)
                        + " is used by " + count + " environments; names must be unique"));
            }
        });
        return problems;
    }
}
