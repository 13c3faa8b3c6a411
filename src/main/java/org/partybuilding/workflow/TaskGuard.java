package org.partybuilding.workflow;

import org.partybuilding.system.TaskRefusedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.type.PrimitiveValueType;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The rule every user task follows: a user answers the task's form and nothing else. Called by
 * {@link GuardedTaskService} and {@link GuardedFormService} for every call made by an authenticated user (REST, the
 * webapps, the product's API); the server's own calls (no authenticated user) are not limited.
 *
 * <p>Submitted values must be fields of the task's Camunda Form (read from the deployment, cached per definition
 * and task) and plain values (text, number, boolean, date); read-only fields may only come back unchanged. Which
 * record a process belongs to, who verifies, deadlines and counters are the server's variables: a user can neither
 * submit them nor write them through the variable endpoints.
 */
class TaskGuard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityService identityService;
    private final Map<String, Map<String, Boolean>> formFields = new ConcurrentHashMap<>();

    TaskGuard(IdentityService identityService) {
        this.identityService = identityService;
    }

    /**
     * Checks what a user submits when completing (or resolving) a task, inside the command that then completes it (the
     * task and its variables are read once for both). A user who may not work on the task at all hears that first, as
     * the engine would say it, not which fields the form has.
     */
    void checkSubmission(CommandContext context, String taskId, Map<String, ?> submitted) {
        if (user() == null || taskId == null || submitted == null || submitted.isEmpty()) {
            return;
        }
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            return; // the engine's own command answers "not found"
        }
        try {
            withoutChecks(context, () -> check(context, task, submitted));
        } catch (TaskRefusedException refused) {
            context.getProcessEngineConfiguration().getCommandCheckers().forEach(checker -> checker.checkTaskWork(task));
            throw refused;
        }
    }

    private Void check(CommandContext context, TaskEntity task, Map<String, ?> submitted) {
            Map<String, Boolean> fields = fieldsOf(context, task);
            submitted.forEach((name, value) -> {
                Boolean readonly = fields.get(name);
                if (readonly == null) {
                    throw TaskRefusedException.invalid("“" + name + "”不是任务“" + task.getName() + "”表单中的字段，不能提交");
                }
                if (!isPlain(value)) {
                    throw TaskRefusedException.invalid("字段“" + name + "”只能填写文字、数字、日期或是否");
                }
                if (readonly && !sameText(plain(value), task.getVariable(name))) {
                    throw TaskRefusedException.invalid("字段“" + name + "”是只读的，不能修改");
                }
            });
            return null;
    }

    /** Variables of a task are written only by submitting its form. */
    void refuseVariableWrite() {
        if (user() != null) {
            throw TaskRefusedException.invalid("任务的流程变量只能通过提交任务表单填写，不能单独修改或删除");
        }
    }

    /** BPMN errors and escalations come from the models, never from a user ending their own task that way. */
    void refuseThrowFromTask() {
        if (user() != null) {
            throw TaskRefusedException.invalid("不能从任务中触发流程错误或升级事件");
        }
    }

    /**
     * Giving a claimed task back (assignee set to nobody) is allowed to its assignee when others may claim it again;
     * a task the server assigned to one person stays theirs.
     *
     * @return true when this is the assignee releasing a claim, to be done without the {@code TASK_ASSIGN} check
     */
    boolean isReleaseOfOwnClaim(CommandExecutor executor, String taskId) {
        Authentication user = user();
        if (user == null) {
            return false;
        }
        return executor.execute(context -> withoutChecks(context, () -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null || !user.getUserId().equals(task.getAssignee())) {
                return false; // not theirs: the engine's own permission check decides
            }
            boolean claimable = task.getIdentityLinks().stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()));
            if (!claimable) {
                throw TaskRefusedException.forbidden("任务“" + task.getName() + "”由系统指派给您，不能退回");
            }
            return true;
        }));
    }

    private Authentication user() {
        return identityService.getCurrentAuthentication();
    }

    private Map<String, Boolean> fieldsOf(CommandContext context, TaskEntity task) {
        String key = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
        return formFields.computeIfAbsent(key, k -> readFields(context, task));
    }

    /** The fields of the task's form: key, and whether it is read-only. A task without a deployed form has none. */
    private static Map<String, Boolean> readFields(CommandContext context, TaskEntity task) {
        Map<String, Boolean> fields = new HashMap<>();
        if (task.getTaskDefinition() == null || task.getTaskDefinition().getFormDefinition() == null
                || task.getTaskDefinition().getFormDefinition().getCamundaFormDefinitionKey() == null) {
            return fields;
        }
        try (InputStream form = new GetDeployedTaskFormCmd(task.getId()).execute(context)) {
            collect(JSON.readTree(form).path("components"), fields);
        } catch (IOException e) {
            throw new IllegalStateException("Form of task " + task.getTaskDefinitionKey() + " is not readable", e);
        }
        return fields;
    }

    private static void collect(JsonNode components, Map<String, Boolean> fields) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                boolean readonly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
                fields.put(component.get("key").asText(), readonly);
            }
            collect(component.path("components"), fields);
        }
    }

    private static boolean isPlain(Object value) {
        if (value instanceof TypedValue typed && typed.getType() != null) {
            return typed.getType() instanceof PrimitiveValueType && typed.getType() != ValueType.BYTES;
        }
        Object raw = plain(value);
        return raw == null || raw instanceof String || raw instanceof Number || raw instanceof Boolean || raw instanceof Date;
    }

    private static Object plain(Object value) {
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    private static boolean sameText(Object submitted, Object current) {
        return Objects.toString(submitted, "").equals(Objects.toString(current, ""));
    }

    private static <T> T withoutChecks(CommandContext context, Supplier<T> work) {
        boolean authorization = context.isAuthorizationCheckEnabled();
        boolean tenants = context.isTenantCheckEnabled();
        context.disableAuthorizationCheck();
        context.disableTenantCheck();
        try {
            return work.get();
        } finally {
            if (authorization) {
                context.enableAuthorizationCheck();
            }
            if (tenants) {
                context.enableTenantCheck();
            }
        }
    }
}
