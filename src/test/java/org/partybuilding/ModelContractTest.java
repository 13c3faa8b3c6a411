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
import org.partybuilding.rectification.RectificationProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The models in {@code bpmn/} and the Java code agree: every id constant is in its model, every delegate
 * expression names a bean, every form and decision referenced exists, no generated id remains and every
 * element is drawn (Cockpit draws running instances on the diagram).
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

    @Test
    void everyElementConstantOfRectificationIsInItsModel() throws IllegalAccessException {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(MODELS, RectificationProcess.PROCESS_ID + ".bpmn"));
        assertThat((Object) model.getModelElementById(RectificationProcess.PROCESS_ID)).isNotNull();
        for (Field field : RectificationProcess.Elements.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String id = (String) field.get(null);
                assertThat((Object) model.getModelElementById(id)).as("%s = %s", field.getName(), id).isNotNull();
            }
        }
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
