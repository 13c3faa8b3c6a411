package org.partybuilding.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Domain;
import org.partybuilding.organization.Organization;
import org.partybuilding.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rounds: one instance of a {@link RoundProcess} for every organization of a scope. Starting a round only records it
 * and its members (one short transaction, whatever the scope's size); the {@link RoundWorker} then starts the
 * instances in batches in the background, on any node, and carries on after a restart. A round is identified by its
 * process and key: starting it again starts nothing and says so.
 */
@Service
public class Rounds {

    private final RoundRepository repository;
    private final DirectoryService directory;
    private final RoundWorker worker;

    Rounds(RoundRepository repository, DirectoryService directory, RoundWorker worker) {
        this.repository = repository;
        this.directory = directory;
        this.worker = worker;
    }

    /**
     * Records the round for its scope's organizations and has them started in the background. When a round with this
     * process and key exists, returns it with {@code created = false} and starts nothing.
     *
     * @throws ApiException 400 naming the scope's field that is wrong
     */
    @Transactional
    public Round start(String processId, String key, String name, RoundScope scope, Map<String, Object> parameters, String startedBy) {
        if (worker.process(processId) == null) {
            throw new IllegalArgumentException("No RoundProcess bean for " + processId);
        }
        var existing = repository.findId(processId, key);
        if (existing.isPresent()) {
            return repository.roundOf(existing.get()).answering(false);
        }
        RoundScope resolved = withSeed(scope);
        List<String> members = organizations(resolved).stream().map(Organization::id).toList();
        var id = repository.insert(processId, key, name, resolved, parameters, startedBy);
        if (id.isEmpty()) { // started by someone else a moment ago
            return repository.roundOf(repository.findId(processId, key).orElseThrow()).answering(false);
        }
        repository.insertMembers(id.get(), members, key);
        wakeWorkerAfterCommit();
        return repository.roundOf(id.get()).answering(true);
    }

    /** The scope with a seed chosen for a sample that has none: the seed is recorded with the round, so the draw can be repeated. */
    public RoundScope withSeed(RoundScope scope) {
        return scope != null && scope.kind() == RoundScope.Kind.SAMPLE && scope.seed() == null
                ? new RoundScope(scope.kind(), null, null, scope.sampleSize(), new Random().nextLong() & Long.MAX_VALUE) : scope;
    }

    /** The grassroots organizations of a scope, in directory order; a sample is drawn with the scope's seed. */
    public List<Organization> organizations(RoundScope scope) {
        if (scope == null || scope.kind() == null) {
            throw ApiException.badField("scope.kind", "请选择发起范围：ALL、DOMAIN、UNDER 或 SAMPLE");
        }
        List<Organization> grassroots = directory.organizations().stream().filter(o -> o.domain().isGrassroots()).toList();
        List<Organization> chosen = switch (scope.kind()) {
            case ALL -> grassroots;
            case DOMAIN -> {
                Domain domain = domain(scope.domain());
                yield grassroots.stream().filter(o -> o.domain() == domain).toList();
            }
            case UNDER -> {
                if (scope.organizationId() == null || scope.organizationId().isBlank()) {
                    throw ApiException.badField("scope.organizationId", "请选择上级组织（范围为 UNDER 时必填），如 town-hexi");
                }
                if (directory.organization(scope.organizationId()).isEmpty()) {
                    throw ApiException.badField("scope.organizationId", "组织 " + scope.organizationId() + " 不存在");
                }
                Set<String> under = Set.copyOf(directory.overseenOrganizationIds(scope.organizationId()));
                yield grassroots.stream().filter(o -> under.contains(o.id())).toList();
            }
            case SAMPLE -> sample(grassroots, scope);
        };
        if (chosen.isEmpty()) {
            throw ApiException.badField("scope", "发起范围内没有基层党组织");
        }
        return chosen;
    }

    private static List<Organization> sample(List<Organization> grassroots, RoundScope scope) {
        if (scope.sampleSize() == null || scope.sampleSize() < 1 || scope.sampleSize() > grassroots.size()) {
            throw ApiException.badField("scope.sampleSize", "抽取数量应在 1 到 " + grassroots.size() + " 之间");
        }
        if (scope.seed() == null) {
            throw new IllegalArgumentException("A sample needs its seed");
        }
        // sorted by id first, so the same seed draws the same organizations whatever the directory's order
        List<Organization> shuffled = new ArrayList<>(grassroots);
        shuffled.sort(Comparator.comparing(Organization::id));
        Collections.shuffle(shuffled, new Random(scope.seed()));
        Set<String> drawn = shuffled.subList(0, scope.sampleSize()).stream().map(Organization::id).collect(Collectors.toSet());
        return grassroots.stream().filter(o -> drawn.contains(o.id())).toList();
    }

    private static Domain domain(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField("scope.domain", "请选择领域（范围为 DOMAIN 时必填），如 VILLAGE、COMMUNITY 等");
        }
        try {
            Domain domain = Domain.valueOf(value == null ? "" : value);
            if (domain.isGrassroots()) {
                return domain;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.badField("scope.domain", "领域 " + value + " 不是基层党组织的领域，应为 VILLAGE、COMMUNITY 等");
    }

    public java.util.Optional<Round> find(long id) {
        return repository.find(id);
    }

    public java.util.Optional<Round> find(String processId, String key) {
        return repository.findId(processId, key).flatMap(repository::find);
    }

    public List<Round> list(String processId) {
        return repository.findAll(processId);
    }

    private void wakeWorkerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }
}
