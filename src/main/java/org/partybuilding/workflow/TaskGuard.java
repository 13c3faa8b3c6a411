package org.partybuilding.workflow;

import org.partybuilding.organization.Groups;
import org.partybuilding.system.TaskRefusedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.type.PrimitiveValueType;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The rule every user task follows: a user answers the task's form and nothing else. Called by
 * {@link GuardedTaskService} and {@link GuardedFormService} for every call made by an authenticated user (REST, the
 * webapps, the product's API); the server's own calls (no authenticated user) are not limited.
 *
 * <p>Submitted values must be fields of the task's Camunda Form (read from the deployment, cached per definition
 * and task) and plain values of the field's kind (text, a number, a tick, one of the options); read-only fields may
 * only come back unchanged. Which record a process belongs to, who verifies, deadlines and counters are the server's
 * variables: a user can neither submit them nor write them through the variable endpoints.
 */
class TaskGuard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityService identityService;
    private final Map<String, Map<String, Field>> formFields = new ConcurrentHashMap<>();

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
        } catch (TaskRefusedException | FormFieldValidationException refused) {
            context.getProcessEngineConfiguration().getCommandCheckers().forEach(checker -> checker.checkTaskWork(task));
            throw refused;
        }
    }

    private Void check(CommandContext context, TaskEntity task, Map<String, ?> submitted) {
        Map<String, Field> fields = fieldsOf(context, task);
        for (String name : submitted.keySet()) {
            // typed, as sent: a serialized object must not be deserialized (or fail to be) to be refused
            Object value = submitted instanceof VariableMap variables ? variables.getValueTyped(name) : submitted.get(name);
            Field field = fields.get(name);
            if (field == null) {
                throw TaskRefusedException.invalid("“" + name + "”不是任务“" + task.getName() + "”表单中的字段，不能提交");
            }
            if (!isPlain(value)) {
                throw TaskRefusedException.invalid("字段“" + name + "”只能填写文字、数字、日期或是否");
            }
            if (field.readonly() && !sameText(plain(value), task.getVariable(name))) {
                throw TaskRefusedException.invalid("字段“" + name + "”是只读的，不能修改");
            }
            String wrong = field.readonly() ? null : field.problem(plain(value));
            if (wrong != null) {
                throw new FormFieldValidationException(name, "“" + field.label(name) + "”" + wrong);
            }
        }
        return null;
    }

    /**
     * A field of a task's form: its key's kind of value as the form sends it (text, a number, a tick, one of the options),
     * which the listeners behind it rely on. Values are checked for what the form could have sent; what they mean
     * (a date in the future, a number in range, a required text) is for the task's listener.
     */
    record Field(String type, String label, boolean readonly, Set<String> options) {

        String label(String key) {
            return label.isBlank() ? key : label;
        }

        /**
         * What is wrong with a submitted value, in Chinese after the field's label; null when the form could send it.
         * Control characters other than NUL are the listeners' to refuse, with their own words; NUL no text may hold
         * (PostgreSQL stores none).
         */
        String problem(Object value) {
            if (value == null) {
                return null;
            }
            return switch (type) {
                case "textfield", "textarea", "datetime" -> value instanceof Date && type.equals("datetime") ? null
                        : !(value instanceof String text) ? (type.equals("datetime") ? "应填写日期（YYYY-MM-DD）" : "应填写文字")
                        : text.indexOf('\u0000') >= 0 ? "含有不可见的控制字符，请删除后再提交" : null;
                case "select", "radio" -> value instanceof String text && (text.isEmpty() || options.contains(text)) ? null
                        : "只能选择以下之一：" + String.join("、", options);
                case "checkbox" -> value instanceof Boolean ? null : "只能勾选或不勾选（true 或 false）";
                case "number" -> value instanceof Number number && Double.isFinite(number.doubleValue()) || value instanceof String text
                        && isNumber(text) ? null : "应填写数字";
                default -> null;
            };
        }

        private static boolean isNumber(String text) {
            try {
                return text.isBlank() || Double.isFinite(Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /** Variables of a task are written only by submitting its form. */
    void refuseVariableWrite() {
        if (user() != null) {
            throw TaskRefusedException.invalid("任务的流程变量只能通过提交任务表单填写，不能单独修改或删除");
        }
    }

    /**
     * Runs a user's completion of a task. When it fails because the task is no longer there — completed a moment
     * before by the same submission from another window or node, or by a colleague — the user is told exactly that
     * (404), not what the engine tripped over on the way (the task's permissions gone with it, its execution moved on
     * in the other transaction, "task is null"). A refusal of the submission itself stays what it is.
     */
    <T> T completing(CommandExecutor executor, String taskId, Supplier<T> completion) {
        try {
            return completion.get();
        } catch (TaskRefusedException | FormFieldValidationException refused) {
            throw refused;
        } catch (RuntimeException failed) {
            if (user() == null || taskId == null || stillThere(executor, taskId, failed)) {
                throw failed;
            }
            throw TaskRefusedException.gone("该任务已经办结或不存在（可能刚在另一个窗口提交过，或已由他人办理），无需再次提交；请刷新任务列表");
        }
    }

    private static boolean stillThere(CommandExecutor executor, String taskId, RuntimeException failed) {
        try {
            return executor.execute(context -> withoutChecks(context, () -> context.getTaskManager().findTaskById(taskId) != null));
        } catch (RuntimeException unknown) {
            failed.addSuppressed(unknown);
            return true; // cannot tell (the database is away): the original failure answers
        }
    }

    /**
     * Comments and attachments on tasks and instances are Camunda's, not the product's: Camunda checks no permission
     * for writing them (only that the task's history is visible), so they would let a secretary put any file or text
     * in front of her verifiers, past the evidence checks. Users answer with the form and upload evidence through the
     * item's evidence page; only administrators (and the server itself) write or remove them.
     */
    void refuseCommentOrAttachment() {
        Authentication user = user();
        if (user != null && (user.getGroupIds() == null || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
            throw TaskRefusedException.forbidden("任务不接受评论和附件：意见请填写在任务表单中，佐证材料请在整改事项的“佐证材料”中上传");
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

    private Map<String, Field> fieldsOf(CommandContext context, TaskEntity task) {
        String key = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
        return formFields.computeIfAbsent(key, k -> readFields(context, task));
    }

    /** The fields of the task's form by key. A task without a deployed form has none. */
    private static Map<String, Field> readFields(CommandContext context, TaskEntity task) {
        Map<String, Field> fields = new HashMap<>();
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

    private static void collect(JsonNode components, Map<String, Field> fields) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                boolean readonly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
                Set<String> options = new LinkedHashSet<>();
                component.path("values").forEach(option -> options.add(option.path("value").asText()));
                fields.put(component.get("key").asText(),
                        new Field(component.path("type").asText(), component.path("label").asText(""), readonly, options));
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
