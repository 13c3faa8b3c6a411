package org.partybuilding.rectification;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.RuntimeService;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.StaffMember;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.TaskDescriptionListener;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.springframework.http.HttpStatus;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.AsSystem;
import org.partybuilding.workflow.InstanceAdministration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rectification ledger and its process. Every capability that finds a problem (inspection, duty review,
 * survey, assessment) opens an item here; the {@code rectification} process then drives it to closure.
 */
@Service
public class RectificationService {

    private final RectificationRepository repository;
    private final DirectoryService directory;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final Deadlines deadlines;
    private final Validator validator;
    private final RepositoryService repositoryService;
    private final CommandExecutor engine;
    private final ApplicationEventPublisher events;

    RectificationService(RectificationRepository repository, DirectoryService directory, RuntimeService runtimeService,
            IdentityService identityService, Deadlines deadlines, Validator validator, RepositoryService repositoryService,
            ProcessEngine processEngine, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.directory = directory;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.deadlines = deadlines;
        this.validator = validator;
        this.repositoryService = repositoryService;
        this.engine = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    }

    /**
     * Opens an item and starts its process, in one transaction: either both exist or neither.
     *
     * @param createdBy user id of whoever opens it, or null for the system
     * @throws ApiException 400 naming the field: an invalid field (checked here too, for callers other than the API),
     *                      an unknown organization, a past due date, an issuing organization not above the target
     */
    @Transactional
    public RectificationItem open(NewRectification request, String createdBy) {
        return openAll(List.of(request), createdBy).get(0);
    }

    /**
     * Opens several items and starts their processes in one transaction: all of them or, with any problem, none. A
     * quarter's findings or a review's problems are opened this way; the organizations and the process definition are
     * looked up once for all of them.
     *
     * @param createdBy user id of whoever opens them, or null for the system
     * @throws ApiException 400 naming the field (and, for more than one item, which one)
     */
    @Transactional
    public List<RectificationItem> openAll(List<NewRectification> requests, String createdBy) {
        Map<String, Organization> organizations = directory.organizations(requests.stream().map(NewRectification::organizationId)
                .filter(Objects::nonNull).toList());
        LocalDate today = deadlines.today();
        List<Opening> openings = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            openings.add(check(requests.get(i), organizations, today, requests.size() > 1 ? "第 " + (i + 1) + " 项：" : ""));
        }
        Date now = deadlines.now();
        List<Long> ids = repository.insertAll(openings.stream().map(o -> new RectificationRepository.NewItem(o.request(),
                o.issuing(), "来源：" + o.request().source().label() + "；整改期限：" + deadlines.text(o.request().dueDate()))).toList(),
                createdBy, now);
        // One engine command for all of them: the definition, its timers' job definitions and the flush of every
        // instance's rows are shared, which is what makes opening a city's worth of items affordable.
        List<RectificationItem> opened = AsSystem.call(identityService, () -> engine.execute(context -> startAll(openings, ids)));
        repository.setProcessInstances(opened.stream().map(i -> new Object[] {i.processInstanceId(), i.id()}).toList());
        return opened;
    }

    private List<RectificationItem> startAll(List<Opening> openings, List<Long> ids) {
        String definitionId = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(RectificationProcess.PROCESS_ID).latestVersion().singleResult().getId();
        List<RectificationItem> opened = new ArrayList<>();
        for (int i = 0; i < openings.size(); i++) {
            NewRectification request = openings.get(i).request();
            Organization organization = openings.get(i).organization();
            long id = ids.get(i);
            Map<String, Object> variables = new HashMap<>();
            variables.put(Variables.ORGANIZATION_ID, organization.id());
            variables.put(Variables.SECRETARY_USER_ID, organization.secretaryUserId());
            variables.put(Variables.SEVERITY, request.severity().name());
            variables.put(Variables.DUE_DATE, deadlines.deadlineOf(request.dueDate()));
            variables.put(Variables.DUE_DATE_TEXT, deadlines.deadlineText(request.dueDate()));
            variables.put(TaskDescriptionListener.TITLE, request.title());
            variables.put(Variables.DESCRIPTION, request.description() == null ? "" : request.description());
            variables.put(Variables.ROUND_REJECTIONS, 0);
            // the forms' link to the item's evidence page; only a link, never read back (the item is the business key)
            variables.put(Variables.ITEM_ID, id);
            String processInstanceId = runtimeService.startProcessInstanceById(definitionId, businessKey(id, deadlines.today().getYear()),
                    variables).getId();
            opened.add(new RectificationItem(id, organization.id(), request.source(), request.sourceRef(), request.title(),
                    request.description() == null ? "" : request.description(), request.severity(), openings.get(i).issuing(),
                    request.dueDate(), Status.OPEN, 0, processInstanceId, null));
        }
        return opened;
    }

    /** Checks one request against the directory and the calendar; the issuing organization it will have. */
    private Opening check(NewRectification request, Map<String, Organization> organizations, LocalDate today, String which) {
        Set<ConstraintViolation<NewRectification>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<ApiError.Detail> details = violations.stream()
                    .map(v -> new ApiError.Detail(v.getPropertyPath().toString(), null, which + v.getMessage())).toList();
            throw new ApiException(HttpStatus.BAD_REQUEST, details.get(0).message(), details);
        }
        Organization organization = organizations.get(request.organizationId());
        if (organization == null) {
            throw ApiException.badField("organizationId", which + "组织 " + request.organizationId() + " 不存在");
        }
        if (request.dueDate().isBefore(today)) {
            throw ApiException.badField("dueDate", which + "整改期限 " + request.dueDate() + " 已过，不能早于今天 " + today);
        }
        var holiday = deadlines.whyNotWorking(request.dueDate());
        if (holiday.isPresent()) {
            throw ApiException.badField("dueDate", which + holiday.get() + "，整改期限须为工作日");
        }
        String issuing = request.issuingOrganizationId() != null ? request.issuingOrganizationId()
                : organization.supervisorId() != null ? organization.supervisorId() : organization.id();
        if (request.issuingOrganizationId() != null && !directory.isAbove(issuing, organization.id())) {
            throw ApiException.badField("issuingOrganizationId", which + "发起整改的组织 " + issuing + " 不是 "
                    + organization.name() + " 的上级党组织，不能由它核验");
        }
        return new Opening(request, organization, issuing);
    }

    private record Opening(NewRectification request, Organization organization, String issuing) {
    }

    /** Opens an item on behalf of an API caller, who must oversee the organization (or be an inspector or org-dept). */
    @Transactional
    public RectificationItem open(NewRectification request, ApiUser caller) {
        if (!caller.isOrgDept() && !caller.isInspector()) {
            StaffMember staff = directory.staffMember(caller.userId())
                    .orElseThrow(() -> ApiException.forbidden("只有组织部、督查组和上级党组织工作人员可以发起整改"));
            if (!directory.overseeingOrganizationIds(request.organizationId()).contains(staff.organizationId())) {
                throw ApiException.forbidden("组织 " + request.organizationId() + " 不在您所在组织的管辖范围内");
            }
        }
        return open(request, caller.userId());
    }

    public RectificationItem find(long id, ApiUser caller) {
        return visible(id, caller).withHistory(repository.history(id).stream()
                .map(e -> e.withActorName(directory.personName(e.actor()).orElse(null))).toList());
    }

    /** The item without its history, when the caller may see it (404 otherwise, as for an item that does not exist). */
    RectificationItem visible(long id, ApiUser caller) {
        RectificationItem item = repository.find(id).orElseThrow(() -> ApiException.notFound("整改事项 " + id + " 不存在"));
        List<String> visible = visibleOrganizations(caller);
        if (visible != null && !visible.contains(item.organizationId())) {
            throw ApiException.notFound("整改事项 " + id + " 不存在");
        }
        return item;
    }

    /** Most items a list answers (newest first): {@code GET /api/rectifications}. */
    public static final int LIST_LIMIT = 2000;
    /** Most items an export holds (newest first). */
    public static final int EXPORT_LIMIT = 20_000;

    public List<RectificationItem> search(String organizationId, Source source, Status status, Boolean overdue, ApiUser caller) {
        return search(new RectificationFilter(organizationId, source, status, overdue, null, null), caller).stream()
                .map(RectificationListItem::item).toList();
    }

    /**
     * The items the caller may see that match the filter, newest first, at most {@link #LIST_LIMIT}. A filter outside
     * the caller's scope finds nothing; it does not widen it.
     *
     * @throws ApiException 400 for a town that is not an organization of the directory
     */
    public List<RectificationListItem> search(RectificationFilter filter, ApiUser caller) {
        return search(filter, caller, LIST_LIMIT);
    }

    List<RectificationListItem> search(RectificationFilter filter, ApiUser caller, int limit) {
        List<String> town = null;
        if (filter.town() != null) {
            if (directory.organization(filter.town()).isEmpty()) {
                throw ApiException.badField("town", "组织 " + filter.town() + " 不存在，无法按所属镇街（组织）筛选");
            }
            town = directory.overseenOrganizationIds(filter.town());
        }
        return repository.search(filter, deadlines.today(), visibleOrganizations(caller), town, limit);
    }

    /** The organizations whose items the caller sees (null: all), by the directory's rule. */
    private List<String> visibleOrganizations(ApiUser caller) {
        return directory.visibleOrganizationIds(caller);
    }

    // --- steps of the process (called by its delegates and listeners, inside the engine's transaction) ---

    private static final java.util.regex.Pattern BUSINESS_KEY = java.util.regex.Pattern.compile("ZG-\\d{4}-(\\d+)|(\\d+)");

    /**
     * The instance's business key, readable in Cockpit and in mail: {@code ZG-2026-0007} (整改, the year it was opened,
     * the ledger's id, at least four digits). The id alone decides which item it is.
     */
    public static String businessKey(long itemId, int year) {
        return String.format("ZG-%d-%04d", year, itemId);
    }

    /** The ledger id in a business key: {@code ZG-2026-0007} gives 7; a bare id (instances started before) itself. */
    public static long itemId(String businessKey) {
        java.util.regex.Matcher m = businessKey == null ? null : BUSINESS_KEY.matcher(businessKey);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Not a rectification business key: " + businessKey);
        }
        return Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** The ledger item of an instance: its business key, which no task user can change. */
    static long itemId(DelegateExecution execution) {
        return itemId(execution.getProcessBusinessKey());
    }

    static long itemId(DelegateTask task) {
        return itemId(task.getExecution());
    }

    RectificationItem item(long id) {
        return repository.find(id).orElseThrow(() -> new IllegalStateException("Rectification item " + id + " is missing"));
    }

    void submitted(long id, String actor, String measures, String evidence) {
        repository.submitted(id, measures, evidence);
        List<String> files = repository.evidenceFileNames(id);
        repository.record(id, EventType.SUBMITTED, actor, "整改措施：" + measures + "\n佐证材料：" + evidence
                + (files.isEmpty() ? "" : "\n附件：" + String.join("、", files)), deadlines.now());
    }

    void accepted(long id, String actor) {
        repository.record(id, EventType.ACCEPTED, actor, "核验通过", deadlines.now());
    }

    void rejected(long id, String actor, String reason) {
        repository.rejected(id);
        repository.record(id, EventType.REJECTED, actor, "退回原因：" + reason, deadlines.now());
    }

    /** A directory import moved the organization: other staff verify now (the issuer stays as it was). */
    void verifiersChanged(long id, String actor, String detail) {
        repository.record(id, EventType.VERIFIERS_CHANGED, actor, detail, deadlines.now());
    }

    void reminded(long id, boolean secretary, List<String> recipients) {
        repository.record(id, EventType.REMINDED, null, (secretary ? "" : "核验即将到期，") + "已提醒：" + String.join(", ", recipients),
                deadlines.now());
    }

    /** An escalation of the secretary's step makes the item overdue; one of the verifiers' step leaves it as it is. */
    void escalated(long id, boolean secretary, int level, List<String> recipients) {
        if (secretary) {
            repository.setStatus(id, Status.OVERDUE);
        }
        repository.record(id, EventType.ESCALATED, null, (secretary ? "" : "核验逾期，")
                + (level == 1 ? "一级督办" : "二级督办") + "（第 " + level + " 级），已通知：" + String.join(", ", recipients),
                deadlines.now());
    }

    void extended(long id, LocalDate dueDate) {
        repository.extended(id, dueDate);
        repository.record(id, EventType.EXTENDED, null, "退回后重新整改，整改期限顺延至 " + deadlines.text(dueDate), deadlines.now());
    }

    void accountability(long id, String reason) {
        repository.setStatus(id, Status.ACCOUNTABILITY);
        repository.record(id, EventType.ACCOUNTABILITY, null, "标记追责：" + reason, deadlines.now());
    }

    void restarted(long id, String actor, LocalDate dueDate, String note) {
        repository.restarted(id, dueDate);
        repository.record(id, EventType.ACCOUNTABILITY, actor,
                "追责决定：限期重新整改，新期限 " + deadlines.text(dueDate) + "。处理意见：" + note, deadlines.now());
    }

    void closedWithAccountability(long id, String actor, String note) {
        repository.record(id, EventType.ACCOUNTABILITY, actor, "追责决定：追责并结案。处理意见：" + note, deadlines.now());
    }

    void closed(long id, boolean rectified) {
        Date now = deadlines.now();
        repository.closed(id, now);
        repository.record(id, EventType.CLOSED, null, rectified ? "整改通过，予以销号" : "追责后结案", now);
        RectificationItem item = item(id);
        events.publishEvent(new RectificationClosed(id, item.organizationId(), item.source(), item.sourceRef(), rectified));
    }

    /**
     * Reopens a closed item (a re-inspection found the problem back): the same ledger entry, OPEN again with a new due
     * date and a new instance of the loop, its history saying why and who. Called inside the caller's transaction.
     *
     * @throws ApiException 400 for a due date that is past or not a working day, 409 for an item that is not closed
     */
    @Transactional
    public RectificationItem reopen(long id, String reason, LocalDate dueDate, String actor) {
        RectificationItem item = repository.findForUpdate(id).orElseThrow(() -> ApiException.notFound("整改事项 " + id + " 不存在"));
        if (item.status() != Status.CLOSED) {
            throw new ApiException(HttpStatus.CONFLICT, "整改事项 " + id + " 当前为“" + item.status().label() + "”，只有已销号的事项可以重新打开");
        }
        NewRectification request = new NewRectification(item.organizationId(), item.source(), item.sourceRef(), item.title(),
                item.description(), item.severity(), dueDate, item.issuingOrganizationId());
        Opening opening = check(request, directory.organizations(List.of(item.organizationId())), deadlines.today(), "");
        Date now = deadlines.now();
        repository.reopened(id, dueDate);
        repository.record(id, EventType.REOPENED, actor, "重新打开：" + reason + "；新的整改期限：" + deadlines.text(dueDate), now);
        RectificationItem reopened = AsSystem.call(identityService,
                () -> engine.execute(context -> startAll(List.of(opening), List.of(id)))).get(0);
        repository.setProcessInstances(List.<Object[]>of(new Object[] {reopened.processInstanceId(), id}));
        return reopened;
    }

    // --- what administrators do to an item's instance outside the model ---

    /** The instance was deleted (Cockpit, REST, batch): the item is CANCELLED, with who and why, and its source told. */
    @EventListener
    void cancelled(InstanceAdministration.Cancelled event) {
        if (!RectificationProcess.PROCESS_ID.equals(event.processDefinitionKey()) || event.businessKey() == null) {
            return;
        }
        long id = itemId(event.businessKey());
        Date now = deadlines.now();
        if (!repository.cancelled(id, now)) {
            return;
        }
        repository.record(id, EventType.CANCELLED, event.userId(), "流程实例被" + (event.userId() == null ? "系统批量操作" : "管理员")
                + "删除，整改事项撤销" + (event.reason() == null || event.reason().isBlank() ? "（未说明原因）" : "。原因：" + event.reason()), now);
        RectificationItem item = item(id);
        events.publishEvent(new RectificationCancelled(id, item.organizationId(), item.source(), item.sourceRef()));
    }

    /** The running instance was modified, suspended, given other variables...: one history line per operation. */
    @EventListener
    void administered(InstanceAdministration.Administered event) {
        if (!RectificationProcess.PROCESS_ID.equals(event.processDefinitionKey())) {
            return;
        }
        repository.findIdByProcessInstance(event.processInstanceId()).ifPresent(id -> repository.recordOperation(id,
                event.operationId(), event.userId(), "管理员干预：" + event.operation()
                        + (event.annotation() == null || event.annotation().isBlank() ? "" : "。说明：" + event.annotation()),
                deadlines.now()));
    }
}
