package org.partybuilding.organization;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.partybuilding.system.AsSystem;
import org.partybuilding.system.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization directory: import (all or nothing) and look-ups for the other capabilities.
 */
@Service
public class DirectoryService {

    /** Process variable every organization-bound process carries: the organization whose work it is. */
    public static final String ORGANIZATION_ID_VARIABLE = "organizationId";
    /** Process variable with the user id of that organization's secretary (the assignee of their tasks). */
    public static final String SECRETARY_USER_ID_VARIABLE = "secretaryUserId";

    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);

    private final OrganizationRepository repository;
    private final IdentitySynchronizer identities;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final AuthorizationService authorizationService;
    private final CityRoot cityRoot;
    private final StartupLock startupLock;
    private final AuthenticationCache authenticationCache;
    private final ApplicationEventPublisher events;

    DirectoryService(OrganizationRepository repository, IdentitySynchronizer identities, IdentityService identityService,
            TaskService taskService, RuntimeService runtimeService, AuthorizationService authorizationService,
            CityRoot cityRoot, StartupLock startupLock, AuthenticationCache authenticationCache,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.identities = identities;
        this.identityService = identityService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.authorizationService = authorizationService;
        this.cityRoot = cityRoot;
        this.startupLock = startupLock;
        this.authenticationCache = authenticationCache;
        this.events = events;
    }

    public List<Organization> organizations() {
        return repository.findAll();
    }

    public Optional<Organization> organization(String id) {
        return repository.findById(id);
    }

    /** The active organizations among these ids, by id, in one look-up. */
    public Map<String, Organization> organizations(Collection<String> ids) {
        return repository.findByIds(ids);
    }

    /**
     * An organization even if it was deactivated: it keeps its name and mail addresses for the items it had. Process
     * steps ask for the same few organizations thousands of times (every reminder and escalation names them), so
     * answers are kept for {@link #ORGANIZATION_CACHE_NANOS} (a minute) and dropped at once by an import on this node.
     */
    public Optional<Organization> organizationForHistory(String id) {
        long now = System.nanoTime();
        CachedOrganization cached = organizationCache.get(id);
        if (cached != null && now - cached.at() < ORGANIZATION_CACHE_NANOS) {
            return cached.organization();
        }
        Optional<Organization> organization = repository.findIncludingInactive(id);
        organizationCache.put(id, new CachedOrganization(organization, now));
        return organization;
    }

    static final long ORGANIZATION_CACHE_NANOS = 60_000_000_000L;

    private final java.util.concurrent.ConcurrentHashMap<String, CachedOrganization> organizationCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedOrganization(Optional<Organization> organization, long at) {
    }

    /** True when {@code upper} is above {@code organizationId} along the parent or supervisor chain (not itself). */
    public boolean isAbove(String upper, String organizationId) {
        return !upper.equals(organizationId) && repository.findOverseeingIds(organizationId).contains(upper);
    }

    /** The directory's root organization (the city), kept in memory and read again after each import. */
    public Optional<String> rootId() {
        return cityRoot.id();
    }

    public List<SecretaryType> secretaryTypes() {
        return repository.findSecretaryTypes();
    }

    public List<StaffMember> staff() {
        return repository.findStaff();
    }

    /** The organization and those below it: the subtree its staff oversee. */
    public List<String> overseenOrganizationIds(String organizationId) {
        return repository.findOverseenIds(organizationId);
    }

    /** The staff member with this user id, if the user is one. */
    public Optional<StaffMember> staffMember(String userId) {
        return repository.findStaffMember(userId);
    }

    /**
     * A person's name as the directory knows it (a staff member, or the secretary of an organization), for pages that
     * show who did something instead of a user id; empty for a user the directory does not list (the administrator).
     */
    public Optional<String> personName(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return staffMember(userId).map(StaffMember::name).or(() -> organizationIdsOfSecretary(userId).stream().findFirst()
                .flatMap(this::organizationForHistory).map(Organization::secretaryName));
    }

    /** The organizations whose secretary this user is. */
    public List<String> organizationIdsOfSecretary(String userId) {
        return repository.findOrganizationIdsOfSecretary(userId);
    }

    /** Email addresses of an organization's staff; its contact email where it has no staff (or is deactivated). */
    public List<String> staffEmails(String organizationId) {
        List<String> emails = repository.findStaffOf(organizationId).stream().map(StaffMember::email).toList();
        return emails.isEmpty() ? organizationForHistory(organizationId).map(o -> List.of(o.email())).orElse(List.of()) : emails;
    }

    /** Email addresses of the organization department's staff; the root organization's contact email where it lists none. */
    public List<String> orgDeptEmails() {
        List<String> emails = repository.findStaffEmailsInGroup(Groups.ORG_DEPT);
        return emails.isEmpty() ? repository.findRootEmail().stream().toList() : emails;
    }

    /**
     * The organizations whose records (items, reports, rounds) this user may see: null for all (the organization
     * department and inspectors), else the organizations they are secretary of and, for staff, the subtree their
     * organization oversees. The one rule every capability's lists and look-ups apply.
     */
    public List<String> visibleOrganizationIds(ApiUser user) {
        if (user.isOrgDept() || user.isInspector()) {
            return null;
        }
        List<String> visible = new java.util.ArrayList<>(organizationIdsOfSecretary(user.userId()));
        staffMember(user.userId()).ifPresent(staff -> visible.addAll(overseenOrganizationIds(staff.organizationId())));
        return visible;
    }

    /** True when this user acts for an organization above this one: the organization department, or its staff. */
    public boolean oversees(ApiUser user, String organizationId) {
        if (user.isOrgDept()) {
            return true;
        }
        return staffMember(user.userId()).map(staff -> isAbove(staff.organizationId(), organizationId)).orElse(false);
    }

    /**
     * The organizations {@link #oversees} is true for, read at once for a caller that asks of thousands of
     * organizations (a duty-report round's reviewers): null for all (the organization department), else those below the
     * organization the user is staff of, not itself; none for a user who is not staff.
     */
    public Set<String> overseenBy(ApiUser user) {
        if (user.isOrgDept()) {
            return null;
        }
        return staffMember(user.userId()).map(staff -> {
            Set<String> below = new HashSet<>(overseenOrganizationIds(staff.organizationId()));
            below.remove(staff.organizationId());
            return Set.copyOf(below);
        }).orElse(Set.of());
    }

    /** The organization and those above it (parent and supervisor chains): whose staff oversee its work. */
    public List<String> overseeingOrganizationIds(String organizationId) {
        return repository.findOverseeingIds(organizationId);
    }

    /**
     * Reads, checks and imports a directory file. Either the whole file is imported (organizations, staff,
     * Camunda users, groups and authorizations, reassigned tasks) or, with any problem, nothing is.
     *
     * @param deactivationConfirmed whether the file may leave out many of today's organizations or staff: a file cut off
     *                              between two entries is still valid YAML, and would deactivate everything after the cut
     * @throws DirectoryRejectedException listing every problem by line
     */
    @Transactional
    public ImportResult importDirectory(InputStream content, String source, String importedBy, boolean deactivationConfirmed) {
        startupLock.holdUntilCommit(); // one import at a time, also across nodes
        ParsedDirectory parsed = new DirectoryParser().parse(reader(content, source));
        List<DirectoryProblem> problems = new DirectoryValidator().validate(parsed);
        if (!problems.isEmpty()) {
            throw new DirectoryRejectedException(source, problems);
        }
        List<Organization> organizations = parsed.organizationList().stream().map(DirectoryService::withEffectiveSupervisor).toList();
        List<StaffMember> staff = parsed.staffList();

        Map<String, Organization> before = new HashMap<>();
        repository.findAll().forEach(o -> before.put(o.id(), o));
        Set<String> usersBefore = new HashSet<>();
        before.values().forEach(o -> usersBefore.add(o.secretaryUserId()));
        List<String> staffBefore = repository.findStaff().stream().map(StaffMember::userId).toList();
        usersBefore.addAll(staffBefore);

        if (!deactivationConfirmed) {
            refuseMassDeactivation(source, before.keySet(), organizations.stream().map(Organization::id).toList(), "个组织");
            refuseMassDeactivation(source, staffBefore, staff.stream().map(StaffMember::userId).toList(), "名工作人员");
        }
        repository.replaceSecretaryTypes(parsed.secretaryTypeList());
        for (int i = 0; i < organizations.size(); i++) {
            repository.upsert(organizations.get(i), i);
        }
        List<String> ids = organizations.stream().map(Organization::id).toList();
        int deactivated = repository.deactivateOrganizationsNotIn(ids);
        staff.forEach(repository::upsert);
        repository.deactivateStaffNotIn(staff.stream().map(StaffMember::userId).toList());
        repository.removeUnusedSecretaryTypes(parsed.secretaryTypeList().stream().map(SecretaryType::code).toList());

        Set<String> usersNow = new HashSet<>();
        organizations.forEach(o -> usersNow.add(o.secretaryUserId()));
        staff.forEach(s -> usersNow.add(s.userId()));
        Set<String> removed = new HashSet<>(usersBefore);
        removed.removeAll(usersNow);

        int reassigned = AsSystem.call(identityService, () -> {
            identities.synchronize(organizations, staff, removed);
            int moved = 0;
            for (Organization o : organizations) {
                Organization old = before.get(o.id());
                if (old != null && !old.secretaryUserId().equals(o.secretaryUserId())) {
                    moved += handOver(o.id(), old.secretaryUserId(), o.secretaryUserId());
                }
            }
            return moved;
        });
        cityRoot.refresh();
        authenticationCache.clear();
        organizationCache.clear();
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            // and again once committed: a step that read an organization meanwhile read the old row
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            organizationCache.clear();
                        }
                    });
        }
        Set<String> moved = movedWithEverythingBelow(before, organizations);
        if (!moved.isEmpty()) {
            // the processes give the open tasks of these organizations to their new chain (candidate groups)
            events.publishEvent(new OrganizationsMoved(Set.copyOf(moved), importedBy));
        }
        repository.recordImport(source, organizations.size(), staff.size(), importedBy);
        log.info("Directory {} imported: {} organizations ({} deactivated), {} staff, {} users removed, {} tasks handed over",
                source, organizations.size(), deactivated, staff.size(), removed.size(), reassigned);
        return new ImportResult(organizations.size(), staff.size(), deactivated, removed.size(), reassigned);
    }

    /** Organizations whose parent or supervisor this import changed, and every active organization below them. */
    private Set<String> movedWithEverythingBelow(Map<String, Organization> before, List<Organization> organizations) {
        Set<String> moved = new java.util.TreeSet<>();
        for (Organization o : organizations) {
            Organization old = before.get(o.id());
            if (old != null && (!java.util.Objects.equals(old.parentId(), o.parentId())
                    || !java.util.Objects.equals(old.supervisorId(), o.supervisorId()))) {
                moved.addAll(repository.findOverseenIds(o.id()));
            }
        }
        return moved;
    }

    /**
     * A new secretary takes over the organization's open tasks and running processes; the old one keeps no grant
     * on them (read access to the organization follows its tenant membership, which the import moves too).
     */
    private int handOver(String organizationId, String from, String to) {
        List<Task> tasks = taskService.createTaskQuery().tenantIdIn(organizationId).taskAssignee(from).list();
        for (Task task : tasks) {
            taskService.setAssignee(task.getId(), to);
            authorizationService.createAuthorizationQuery().userIdIn(from).resourceType(Resources.TASK).resourceId(task.getId())
                    .list().forEach(a -> authorizationService.deleteAuthorization(a.getId()));
        }
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().tenantIdIn(organizationId)
                .variableValueEquals(SECRETARY_USER_ID_VARIABLE, from).list()) {
            runtimeService.setVariable(instance.getId(), SECRETARY_USER_ID_VARIABLE, to);
        }
        return tasks.size();
    }

    private static Organization withEffectiveSupervisor(Organization o) {
        if (o.supervisorId() != null || o.parentId() == null) {
            return o;
        }
        return new Organization(o.id(), o.name(), o.domain(), o.secretaryType(), o.parentId(), o.parentId(),
                o.secretaryUserId(), o.secretaryName(), o.secretaryEmail(), o.secretaryPhone(), o.email());
    }

    private static Reader reader(InputStream content, String source) {
        try {
            byte[] bytes = content.readAllBytes();
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new java.io.StringReader(text);
        } catch (CharacterCodingException e) {
            throw new DirectoryRejectedException(source, List.of(new DirectoryProblem(0, "目录文件不是 UTF-8 编码的文本文件")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an import changed. */
    /** More than this share of today's active organizations (or staff), and more than {@link #MASS_MINIMUM}, is "many". */
    static final double MASS_SHARE = 0.1;
    static final int MASS_MINIMUM = 3;

    private static void refuseMassDeactivation(String source, java.util.Collection<String> active, List<String> kept, String what) {
        Set<String> dropped = new java.util.TreeSet<>(active);
        kept.forEach(dropped::remove);
        if (dropped.size() > MASS_MINIMUM && dropped.size() > active.size() * MASS_SHARE) {
            String some = String.join("、", dropped.stream().limit(10).toList()) + (dropped.size() > 10 ? " 等" : "");
            throw new DirectoryRejectedException(source, List.of(new DirectoryProblem(0, "本次导入将停用现有 " + active.size() + " " + what
                    + "中的 " + dropped.size() + " " + what.charAt(0) + "（" + some + "），文件可能不完整（上传中断或被截断）；"
                    + "如确需停用，请确认后带参数 confirmDeactivation=true 重新上传")));
        }
    }

    public record ImportResult(int organizations, int staff, int deactivatedOrganizations, int removedUsers,
            int reassignedTasks) {
    }
}
