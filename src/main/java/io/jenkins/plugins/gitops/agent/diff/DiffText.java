package io.jenkins.plugins.gitops.agent.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.jenkins.plugins.gitops.agent.apply.InventoryEntry;
import io.jenkins.plugins.gitops.drift.DriftSides;
import io.jenkins.plugins.gitops.drift.DriftStatus;
import io.jenkins.plugins.gitops.drift.FieldDrift;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A {@link DiffResult} as people read it, like {@code kubectl diff}: per object that applying would
 * change, a header line, the last writer of each drifted field, and a unified diff of the fields Git
 * sets as YAML, {@code -} the cluster and {@code +} Git; an object to create is all {@code +}; an object
 * to prune is one line; then a summary. Secret values are masked as in reports. Pure.
 */
public final class DiffText {

    private static final int CONTEXT_LINES = 3;
    private static final String NOTHING = "/dev/null";

    private DiffText() {}

    public static String of(DiffResult result) {
        StringBuilder text = new StringBuilder();
        int changed = 0;
        int created = 0;
        for (DiffResult.Compared object : result.objects()) {
            DriftStatus status = object.status();
            if (status == DriftStatus.IN_SYNC) {
                continue;
            }
            String id = object.desired().id().toString();
            DriftSides sides = DriftSides.of(object.desired(), object.observation().drift());
            List<String> git = lines(sides.git());
            if (status == DriftStatus.MISSING) {
                created++;
                text.append("+ ").append(id).append(": missing from the cluster, applying would create it\n");
                unified(text, NOTHING, "git/" + id, List.of(), git);
            } else {
                changed++;
                text.append("~ ").append(id).append(": ").append(object.observation().drift().message()).append('\n');
                for (FieldDrift field : object.observation().drift().fields()) {
                    if (field.manager() != null) {
                        text.append("#   ").append(field.path()).append(" set by ").append(field.manager())
                                .append(field.changedAt() == null ? "" : " at " + field.changedAt()).append('\n');
                    }
                }
                unified(text, "live/" + id, "git/" + id, lines(sides.live()), git);
            }
        }
        for (InventoryEntry prune : result.prunes()) {
            text.append("- ").append(prune.id()).append(": ").append(DiffResult.WOULD_PRUNE).append('\n');
        }
        int inSync = result.objects().size() - changed - created;
        text.append(result.differs()
                ? changed + " to change, " + created + " to create, " + result.prunes().size() + " to prune, " + inSync + " in sync\n"
                : "no differences: " + inSync + (inSync == 1 ? " object" : " objects") + " in sync\n");
        return text.toString();
    }

    private static void unified(StringBuilder text, String from, String to, List<String> before, List<String> after) {
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(from, to, before, DiffUtils.diff(before, after), CONTEXT_LINES);
        lines.forEach(line -> text.append(line).append('\n'));
    }

    private static List<String> lines(Map<String, Object> object) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        return new Yaml(options).dump(object).lines().toList();
    }
}
