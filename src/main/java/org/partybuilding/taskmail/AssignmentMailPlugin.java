package org.partybuilding.taskmail;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model the {@link AssignmentMailListener} on its {@code assignment} event, so no model
 * has to name it. Camunda fires that event after {@code create} when a task is created with an assignee (the models'
 * create listeners have set its description by then) and whenever the assignee changes later. A user task whose
 * model says {@code <camunda:property name="assignmentMail" value="false"/>} gets no listener (the benchmark's bare
 * baseline model: the product's models all mail).
 */
@Component
class AssignmentMailPlugin extends AbstractProcessEnginePlugin {

    /** The camunda:property of a user task that turns the new-task mail off for that task. */
    static final String OPT_OUT_PROPERTY = "assignmentMail";

    private final ObjectProvider<AssignmentMailListener> listener;

    /** The listener is looked up at the first assignment: it needs the directory and the outbox, built after the engine. */
    AssignmentMailPlugin(ObjectProvider<AssignmentMailListener> listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        TaskListener mail = task -> listener.getObject().notify(task);
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask && mails(userTaskElement)) {
                    userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, mail);
                }
            }
        });
    }

    /** False when the task's extension elements hold the opt-out property with the value {@code false}. */
    private static boolean mails(Element userTask) {
        Element extensions = userTask.element("extensionElements");
        Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
        if (properties == null) {
            return true;
        }
        return properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property").stream()
                .noneMatch(property -> OPT_OUT_PROPERTY.equals(property.attribute("name")) && "false".equals(property.attribute("value")));
    }
}
