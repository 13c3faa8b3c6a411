package org.partybuilding.taskmail;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Writes the opt-out {@code <camunda:property name="assignmentMail" value="false"/>} on a user task of a test model. */
public final class AssignmentMailOptOut {

    private AssignmentMailOptOut() {
    }

    public static BpmnModelInstance on(BpmnModelInstance model, String userTaskId) {
        UserTask task = model.getModelElementById(userTaskId);
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(AssignmentMailPlugin.OPT_OUT_PROPERTY);
        property.setCamundaValue("false");
        properties.getCamundaProperties().add(property);
        task.builder().addExtensionElement(properties);
        return model;
    }
}
