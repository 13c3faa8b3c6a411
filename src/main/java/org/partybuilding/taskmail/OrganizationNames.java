package org.partybuilding.taskmail;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.springframework.stereotype.Component;

/**
 * Names of the directory's organizations for task mails, read whole at most once a minute: a round opening a task in
 * each of ten thousand organizations would otherwise look each one up. An organization the snapshot lacks (imported
 * since, or deactivated) is asked of the directory's own cache.
 */
@Component
class OrganizationNames {

    static final long REFRESH_NANOS = 60_000_000_000L;

    private final DirectoryService directory;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), System.nanoTime() - 2 * REFRESH_NANOS);

    OrganizationNames(DirectoryService directory) {
        this.directory = directory;
    }

    Optional<String> name(String organizationId) {
        if (organizationId == null) {
            return Optional.empty();
        }
        Snapshot current = snapshot;
        if (System.nanoTime() - current.at() > REFRESH_NANOS) {
            current = new Snapshot(directory.organizations().stream()
                    .collect(Collectors.toMap(Organization::id, Organization::name, (a, b) -> a)), System.nanoTime());
            snapshot = current;
        }
        String name = current.names().get(organizationId);
        return name != null ? Optional.of(name) : directory.organizationForHistory(organizationId).map(Organization::name);
    }

    private record Snapshot(Map<String, String> names, long at) {
    }
}
