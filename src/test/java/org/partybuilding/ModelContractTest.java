package org.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.inspection.InspectionProcess;
import org.partybuilding.organization.Groups;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.workflow.StepDeadlines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The models in {@code bpmn/} and the Java code agree: every model has its {@code XxxProcess} class and every id
 * constant is in its model, every delegate and candidate-group expression names a bean, every user task has an
 * existing form and someone to do it, every step the deadline kit schedules has its due date and three timers, every
 * form and decision referenced exists, no generated id remains and every element is drawn (Cockpit draws running
 * instances on the diagram).
 */
@IntegrationTest
class ModelContractTest {

    static final File MODELS = new File("bpmn");
    static final Pattern GENERATED_ID = Pattern.compile("_[0-9a-z]{7}$");
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{(\\w+)}");
    static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");
    static final Pattern DECISION_REF = Pattern.compile("camunda:decisionRef=\"([^\"]+)\"");
    static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"");

    @Autowired ApplicationContext context;

    /** Every process's contract class: its id constants and the model they name. */
    static final List<Class<?>> PROCESSES = List.of(RectificationProcess.class, DutyReportProcess.class, InspectionProcess.class,
            org.partybuilding.annual.AnnualCycleProcess.class, org.partybuilding.annual.ListSigningProcess.class);

    @Test
    void everyModelHasItsProcessClassAndEveryElementConstantIsInItsModel() throws ReflectiveOperationException {
        Set<String> models = models(".bpmn").stream().map(f -> f.getName().replace(".bpmn", "")).collect(Collectors.toSet());
        Set<String> covered = new java.util.HashSet<>();
        for (Class<?> process : PROCESSES) {
            String processId = (String) process.getField("PROCESS_ID").get(null);
            covered.add(processId);
            BpmnModelInstance model = Bpmn.readModelFromFile(new File(MODELS, processId + ".bpmn"));
            assertThat((Object) model.getModelElementById(processId)).as(process.getSimpleName()).isNotNull();
            Class<?> elements = Class.forName(process.getName() + "$Elements");
            for (Field field : elements.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    String id = (String) field.get(null);
                    assertThat((Object) model.getModelElementById(id)).as("%s.%s = %s", process.getSimpleName(), field.getName(), id).isNotNull();
                }
            }
        }
        assertThat(covered).as("every model in bpmn/ has its XxxProcess class here").isEqualTo(models);
    }

    @Test
    void everyUserTaskHasAnExistingFormItsCandidateOrAssigneeAndEveryDeadlineStepItsTimers() throws IOException {
        Set<String> forms = formIds();
        for (File file : models(".bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file);
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                assertThat(task.getCamundaFormRef()).as("%s: %s has a Camunda form", file.getName(), task.getId()).isNotNull();
                assertThat(forms).as("%s: form of %s", file.getName(), task.getId()).contains(task.getCamundaFormRef());
                assertThat(task.getCamundaAssignee() != null || task.getCamundaCandidateGroups() != null)
                        .as("%s: %s has an assignee or candidate groups", file.getName(), task.getId()).isTrue();
                String candidates = task.getCamundaCandidateGroups();
                if (candidates != null && candidates.startsWith("${")) {
                    String bean = candidates.substring(2).split("\\.")[0];
                    assertThat(context.containsBean(bean)).as("%s: candidate groups of %s name bean %s", file.getName(), task.getId(), bean).isTrue();
                } else if (candidates != null) {
                    assertThat(List.of(Groups.ORG_DEPT, Groups.INSPECTORS)).as("%s: %s", file.getName(), task.getId()).contains(candidates);
                }
            }
            // every step the kit schedules has its due date on the task and its three timers
            for (ServiceTask schedule : model.getModelElementsByType(ServiceTask.class)) {
                if (!"${scheduleDeadlinesDelegate}".equals(schedule.getCamundaDelegateExpression())) {
                    continue;
                }
                String step = inputParameter(schedule, StepDeadlines.STEP);
                String policy = inputParameter(schedule, StepDeadlines.POLICY);
                assertThat(step).as("%s: %s names its step", file.getName(), schedule.getId()).isNotBlank();
                assertThat(new File(MODELS, policy + ".dmn")).as("%s: policy %s", file.getName(), policy).exists();
                FlowNode next = schedule.getOutgoing().iterator().next().getTarget();
                assertThat(next).as("%s: %s is followed by its user task", file.getName(), schedule.getId()).isInstanceOf(UserTask.class);
                assertThat(((UserTask) next).getCamundaDueDate()).isEqualTo("${" + StepDeadlines.deadline(step) + "}");
                String xml = read(file);
                for (String timer : List.of(StepDeadlines.reminderAt(step), StepDeadlines.escalationAt(step), StepDeadlines.secondEscalationAt(step))) {
                    assertThat(xml).as("%s: timer ${%s}", file.getName(), timer).contains(">${" + timer + "}<");
                }
            }
        }
    }

    private static String inputParameter(ServiceTask task, String name) {
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).singleResult()
                .getCamundaInputParameters().stream().filter(p -> name.equals(p.getCamundaName())).map(CamundaInputParameter::getTextContent)
                .findFirst().orElse(null);
    }

    private static Set<String> formIds() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> forms = new java.util.HashSet<>();
        for (File form : new File(MODELS, "forms").listFiles((d, n) -> n.endsWith(".form"))) {
            forms.add(json.readTree(form).get("id").asText());
        }
        return forms;
    }

    @Test
    void everyDelegateExpressionNamesABean() throws IOException {
        for (File file : models(".bpmn")) {
            Matcher delegates = DELEGATE.matcher(read(file));
            while (delegates.find()) {
                assertThat(context.containsBean(delegates.group(1))).as("%s: bean %s", file.getName(), delegates.group(1)).isTrue();
            }
        }
    }

    @Test
    void everyReferencedFormAndDecisionExists() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> forms = new java.util.HashSet<>();
        for (File form : new File(MODELS, "forms").listFiles((d, n) -> n.endsWith(".form"))) {
            String id = json.readTree(form).get("id").asText();
            assertThat(form.getName()).isEqualTo(id + ".form");
            forms.add(id);
        }
        Set<String> decisions = models(".dmn").stream()
                .flatMap(f -> Dmn.readModelFromFile(f).getModelElementsByType(Decision.class).stream())
                .map(Decision::getId).collect(Collectors.toSet());
        for (File file : models(".bpmn")) {
            String xml = read(file);
            FORM_REF.matcher(xml).results().forEach(m -> assertThat(forms).as(file.getName()).contains(m.group(1)));
            DECISION_REF.matcher(xml).results().forEach(m -> assertThat(decisions).as(file.getName()).contains(m.group(1)));
        }
    }

    @Test
    void noGeneratedIdsAndEveryElementIsDrawn() {
        for (File file : models(".bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file);
            List<String> drawn = new ArrayList<>();
            model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
            model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
            for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                assertThat(GENERATED_ID.matcher(element.getId()).find()).as("%s: generated id %s", file.getName(), element.getId()).isFalse();
                assertThat(drawn).as("%s: %s has no diagram element", file.getName(), element.getId()).contains(element.getId());
            }
            for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
                boolean generated = element.getId() != null && GENERATED_ID.matcher(element.getId()).find();
                assertThat(generated).as("%s: generated id %s", file.getName(), element.getId()).isFalse();
            }
        }
        for (File file : models(".dmn")) {
            Matcher ids = Pattern.compile("id=\"([^\"]+)\"").matcher(read(file));
            while (ids.find()) {
                assertThat(GENERATED_ID.matcher(ids.group(1)).find()).as("%s: generated id %s", file.getName(), ids.group(1)).isFalse();
            }
        }
    }

    private static List<File> models(String suffix) {
        File[] files = MODELS.listFiles((d, n) -> n.endsWith(suffix));
        assertThat(files).isNotEmpty();
        return List.of(files);
    }

    private static String read(File file) {
        try {
            return java.nio.file.Files.readString(file.toPath());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
