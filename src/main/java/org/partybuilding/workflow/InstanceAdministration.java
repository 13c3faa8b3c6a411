package org.partybuilding.workflow;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What an administrator does to a running instance outside its model, told to the capability that owns the
 * instance in the same transaction, so its own records (the rectification ledger) never silently disagree with the
 * engine: an instance deleted in Cockpit or over REST ({@link Cancelled}), or modified, suspended, given other
 * variables... ({@link Administered}, one per operation). Read from the engine's history events, which see every
 * way in (Cockpit, REST, batches).
 */
@Component
public class InstanceAdministration extends AbstractProcessEnginePlugin implements HistoryEventHandler {

    /** Operation-log types worth a line in the owner's record, with their Chinese names. */
    private static final Map<String, String> OPERATIONS = Map.ofEntries(
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE, "修改流程实例（取消或启动节点）"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_SUSPEND, "挂起流程实例"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_ACTIVATE, "激活流程实例"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, "设置流程变量"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE, "修改流程变量"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE, "删除流程变量"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_MIGRATE, "迁移流程实例"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE, "重启流程实例"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES, "重试作业"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE, "修改定时器时间"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_RECALC_DUEDATE, "重算定时器时间"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE, "触发消息"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_UPDATE, "修改"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_HISTORY, "删除历史"));

    private final ApplicationEventPublisher events;

    /**
     * Ended from outside its model: deleted over REST or in Cockpit (externally), or through the Java API or a batch
     * without a user (the engine calls that internal). No model of the product ends an instance of its own accord
     * otherwise (no terminate end events, no call activities).
     */
    private static final java.util.Set<String> TERMINATED = java.util.Set.of(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED,
            HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);

    InstanceAdministration(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getCustomHistoryEventHandlers().add(this);
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricProcessInstanceEventEntity instance
                && HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(instance.getEventType())
                && TERMINATED.contains(instance.getState())) {
            events.publishEvent(new Cancelled(instance.getProcessDefinitionKey(), instance.getProcessInstanceId(),
                    instance.getBusinessKey(), currentUser(), instance.getDeleteReason()));
        } else if (event instanceof UserOperationLogEntryEventEntity entry
                && UserOperationLogEntry.CATEGORY_OPERATOR.equals(entry.getCategory())
                && entry.getProcessInstanceId() != null && OPERATIONS.containsKey(entry.getOperationType())
                && !EntityTypes.TASK.equals(entry.getEntityType())) {
            events.publishEvent(new Administered(entry.getProcessDefinitionKey(), entry.getProcessInstanceId(),
                    entry.getOperationId(), entry.getUserId(), OPERATIONS.get(entry.getOperationType()), entry.getAnnotation()));
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> historyEvents) {
        historyEvents.forEach(this::handleEvent);
    }

    private static String currentUser() {
        return Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    }

    /**
     * An instance ended by someone, not by its model.
     *
     * @param userId who deleted it; null for a batch or the system
     * @param reason the reason given, if any
     */
    public record Cancelled(String processDefinitionKey, String processInstanceId, String businessKey, String userId,
            String reason) {
    }

    /**
     * One administrative operation on a running instance.
     *
     * @param operationId the engine's id of the operation (several log entries can share it)
     * @param operation   what was done, in Chinese
     * @param annotation  the note the administrator gave, if any
     */
    public record Administered(String processDefinitionKey, String processInstanceId, String operationId, String userId,
            String operation, String annotation) {
    }
}
