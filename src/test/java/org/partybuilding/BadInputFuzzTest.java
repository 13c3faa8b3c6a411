package org.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.partybuilding.annual.AnnualCycleProcess;
import org.partybuilding.annual.AnnualCycleService;
import org.partybuilding.annual.ListSigningProcess;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.inspection.InspectionPlan;
import org.partybuilding.inspection.InspectionProcess;
import org.partybuilding.inspection.InspectionService;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Bad input, generated (jqwik): every {@code /api} endpoint the application maps, and the forms of open tasks of every
 * process, get wrong types, missing or null fields, 1 MB and oversized strings, control characters, script tags, SQL
 * metacharacters, wrong enum values, impossible dates, huge and negative numbers, malformed JSON and wrong content
 * types, over real HTTP as the organization department ({@code zhao.min}), a secretary ({@code li.changfu}) and the
 * task's own assignee. Whatever comes, the answer is never a 5xx; a 4xx is the product's JSON error with a Chinese
 * {@code message} (naming the field when a field's type or format was wrong); and a refused request changes nothing
 * in the database (row counts of every table, revisions of the engine's runtime rows, a hash of the product's tables).
 *
 * <p>The endpoints come from Spring's {@link RequestMappingHandlerMapping}, their parameters and body records from the
 * controller methods: a new endpoint is fuzzed without a change here. Tries are fixed with a fixed seed; more locally:
 * {@code mvn test -Dtest=BadInputFuzzTest -Dfuzz.scale=10} (ten times the tries), {@code -Dfuzz.seed=42} (another seed).
 * Each refusal it found is a regression assertion of its own in this test's examples.
 */
@IntegrationTest
@AddLifecycleHook(value = BadInputFuzzTest.Settings.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class BadInputFuzzTest {

    static final String ORG_DEPT = "zhao.min";
    static final String SECRETARY = "li.changfu"; // 李家村 (village-lijia), in 河西镇
    static final String SUPERVISOR = "mao.jianjun"; // 河西镇
    static final String LIJIA = "village-lijia";
    static final String SEED = "1248";
    /** A year no date check accepts: endpoints that start rounds or publish lists are fuzzed without ever succeeding. */
    static final int REFUSED_YEAR = 1999;
    static final int MEGABYTE = 1024 * 1024;
    private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static TestContextManager spring;
    private static ApplicationContext context;
    private static JdbcClient jdbc;
    private static ProcessTestSupport process;
    private static String base;
    private static final HttpClient client = HttpClient.newHttpClient();
    private static List<Endpoint> endpoints;
    private static String fingerprintSql;
    private static String fingerprint;
    private static RectificationItem ownItem;
    private static final Map<String, FormFixture> forms = new LinkedHashMap<>();
    private static final Map<String, AtomicLong> tried = new ConcurrentHashMap<>();
    private static final List<String> violations = new ArrayList<>();
    private static final int fixtureYear = 40000 + (int) (System.nanoTime() % 1000) * 10;

    // ------------------------------------------------------------------------------------------------------------
    // set-up: the shared application, the endpoints it maps, open tasks of every process

    /**
     * The shared application context of {@code @IntegrationTest}, through Spring's test context as Jupiter would get it,
     * the whole container being one "test method" for process test coverage (which records instances started in one).
     */
    @BeforeContainer
    static void start() throws Exception {
        spring = new TestContextManager(BadInputFuzzTest.class);
        spring.beforeTestClass();
        spring.beforeTestMethod(new BadInputFuzzTest(), BadInputFuzzTest.class.getDeclaredMethod("start"));
        context = spring.getTestContext().getApplicationContext();
        jdbc = context.getBean(JdbcClient.class);
        process = context.getBean(ProcessTestSupport.class);
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        endpoints = endpoints(context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
        ownItem = context.getBean(RectificationService.class).open(new NewRectification(LIJIA, Source.OTHER, "模糊测试",
                "模糊测试：会议记录不完整", "", Severity.LOW, process.workingDay(10), null), SUPERVISOR);
        openTasks();
        fingerprintSql = fingerprintSql();
        stableFingerprint();
    }

    @AfterContainer
    static void report() throws Exception {
        spring.afterTestMethod(new BadInputFuzzTest(), BadInputFuzzTest.class.getDeclaredMethod("start"), null);
        spring.afterTestClass();
        long total = tried.values().stream().mapToLong(AtomicLong::get).sum();
        StringBuilder out = new StringBuilder("\nBadInputFuzzTest: inputs tried per endpoint\n");
        new TreeMap<>(tried).forEach((endpoint, n) -> out.append(String.format("  %6d  %s%n", n.get(), endpoint)));
        out.append(String.format("  %6d  in total (%d endpoints, %d task forms)%n", total, endpoints.size(), forms.size()));
        System.out.println(out);
        ClockUtil.reset();
        if (tried.keySet().stream().anyMatch(name -> name.contains(" /api/") && !name.startsWith("regression"))) {
            endpoints.stream().map(Endpoint::name).filter(name -> !tried.containsKey(name))
                    .forEach(name -> violations.add("never tried: " + name));
        }
        synchronized (violations) {
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " bad answers:\n" + String.join("\n", violations));
            }
        }
    }

    /** Runs more tries ({@code -Dfuzz.scale=10}) or another seed ({@code -Dfuzz.seed=42}) than the fixed run. */
    static class Settings implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            int scale = Integer.getInteger("fuzz.scale", 1);
            context.attributes().tries().filter(tries -> tries > 1).ifPresent(tries -> context.attributes().setTries(tries * scale));
            String seed = System.getProperty("fuzz.seed");
            if (seed != null) {
                context.attributes().setSeed(seed);
            }
            return property.execute();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // the properties

    @Example
    void theEndpointsComeFromTheApplicationAndCoverEveryController() {
        Set<String> patterns = endpoints.stream().map(Endpoint::pattern).collect(Collectors.toCollection(TreeSet::new));
        assertThat(patterns).isNotEmpty().contains("/api/rectifications", "/api/rectifications/{id}",
                "/api/rectifications/{id}/evidence", "/api/inspections", "/api/inspections/{year}/{quarter}",
                "/api/duty-reports", "/api/duty-reports/rounds", "/api/rounds", "/api/responsibility-lists/{year}/{type}",
                "/api/holiday-calendar/{year}", "/api/surveys/{year}", "/api/organizations", "/api/directory",
                "/api/mail-outbox", "/api/years/{year}/cycle", "/api/report-cards/{year}", "/api/account/password");
        // every operation of the OpenAPI document the application serves is one of them
        JsonNode paths = send("GET", "/v3/api-docs", ORG_DEPT, null, null).json().get("paths");
        paths.fieldNames().forEachRemaining(path -> assertThat(patterns).as("OpenAPI path %s", path).contains(path));
    }

    @Example
    void everyUserTaskWithAFormHasItsFormFuzzed() {
        RepositoryService repository = context.getBean(RepositoryService.class);
        Set<String> withForm = new TreeSet<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            if (!new java.io.File("bpmn/" + definition.getKey() + ".bpmn").exists()) {
                continue; // a model another test deployed
            }
            for (UserTask task : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)) {
                if (task.getCamundaFormRef() != null) {
                    withForm.add(definition.getKey() + " " + task.getId());
                }
            }
        }
        Set<String> fuzzed = forms.values().stream().map(form -> form.processKey + " " + form.element).collect(Collectors.toCollection(TreeSet::new));
        assertThat(withForm).isNotEmpty();
        assertThat(fuzzed).containsAll(withForm);
    }

    @Property(tries = 1500, seed = SEED, shrinking = ShrinkingMode.OFF)
    void everyEndpointRefusesBadInputInChineseAndChangesNothing(@ForAll("badRequests") Probe probe) {
        check(probe);
    }

    @Property(tries = 750, seed = SEED, shrinking = ShrinkingMode.OFF)
    void everyTaskFormRefusesBadVariablesInChineseAndTheTaskStaysOpen(@ForAll("badSubmissions") FormProbe probe) {
        FormFixture form = forms.get(probe.form());
        String taskId = form.taskId();
        Probe request = new Probe("form " + form.name() + " (" + form.taskName + ")", "POST",
                "/engine-rest/task/" + taskId + "/" + probe.action(), probe.user(), probe.contentType(), probe.body(),
                probe.mutation(), probe.field(), !probe.mutation().startsWith("typed"));
        Answer answer = check(request);
        if (answer.status() < 300) {
            record(List.of("a bad submission accepted"), request, answer);
            form.used();
        } else {
            assertThat(context.getBean(TaskService.class).createTaskQuery().taskId(taskId).count()).as("task still open").isOne();
        }
    }

    /** What the fuzzing found (each was a 500, an English or HTML answer, or a bad value accepted), one request each. */
    @Example
    void theBadInputsItFoundAreRefusedInChinese() {
        String submit = "/engine-rest/task/" + forms.get("rectification submit").taskId();
        String verify = "/engine-rest/task/" + forms.get("rectification verify").taskId();
        String plan = "/engine-rest/task/" + forms.get("inspection plan").taskId();
        String sound = "\"measures\":{\"value\":\"已补齐\"},\"evidence\":{\"value\":\"照片\"}";
        // a serialized Java object was deserialized by the guard (500); a number stood in for a text (accepted)
        refused(400, "POST", submit + "/complete", SECRETARY, "{\"variables\":{\"measures\":{\"value\":\"x\",\"type\":\"Object\","
                + "\"valueInfo\":{\"objectTypeName\":\"java.util.ArrayList\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}},"
                + "\"evidence\":{\"value\":\"照片\"}}}", null);
        refused(400, "POST", submit + "/submit-form", SECRETARY,
                "{\"variables\":{\"measures\":{\"value\":\"1e309\",\"type\":\"Double\"},\"evidence\":{\"value\":\"照片\"}}}", "measures");
        // the form's own kinds: an option it does not offer, NUL (PostgreSQL refuses it: 500), a hidden field's control characters
        String planned = "\"theme\":{\"value\":\"主题\"},\"scopeKind\":{\"value\":\"UNDER\"},\"scopeOrganizationId\":{\"value\":\"town-hexi\"},"
                + "\"checklist\":{\"value\":\"VILLAGE-09\"},\"dueDate\":{\"value\":\"" + process.workingDay(10) + "\"}";
        refused(400, "POST", plan + "/complete", ORG_DEPT, "{\"variables\":{" + planned.replace("\"UNDER\"", "\"EVERYWHERE\"") + "}}", "scopeKind");
        refused(400, "POST", plan + "/complete", ORG_DEPT, "{\"variables\":{" + planned.replace("town-hexi", "town-hexi\\u0000") + "}}",
                "scopeOrganizationId");
        refused(400, "POST", verify + "/complete", SUPERVISOR,
                "{\"variables\":{\"verification\":{\"value\":\"ACCEPT\"},\"rejectionReason\":{\"value\":\"甲\\u0007乙\"}}}", "rejectionReason");
        // a fraction for the plan's whole-number seed was cut to another seed (accepted)
        refused(400, "POST", plan + "/complete", ORG_DEPT, "{\"variables\":{" + planned + ",\"seed\":{\"value\":1.5}}}", "seed");
        // a hidden field's value the listener ignored: control characters in the return reason of an approval, a date
        // that is none a user could choose for a re-inspection found consolidated or an item closed with accountability
        FormFixture revisit = forms.get("inspection revisit");
        refused(400, "POST", "/engine-rest/task/" + forms.get("duty report review").taskId() + "/complete", SUPERVISOR,
                "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"},\"returnReason\":{\"value\":\"甲\\u0007乙\"}}}", "returnReason");
        refused(400, "POST", "/engine-rest/task/" + revisit.taskId() + "/complete", revisit.assignee, "{\"variables\":{\"revisitOutcome\":"
                + "{\"value\":\"CONSOLIDATED\"},\"revisitNote\":{\"value\":\"整改到位\"},\"newDueDate\":{\"value\":\"0000-01-01\"}}}", "newDueDate");
        refused(400, "POST", "/engine-rest/task/" + forms.get("rectification accountability").taskId() + "/complete", ORG_DEPT,
                "{\"variables\":{\"accountabilityDecision\":{\"value\":\"CLOSE\"},\"accountabilityNote\":{\"value\":\"通报批评\"},"
                + "\"newDueDate\":{\"value\":\"0000-01-01\"}}}", "newDueDate");
        // the annual cycle's dates had no bounds: a conference or a talk in 1999 was recorded
        refused(400, "POST", "/engine-rest/task/" + forms.get("annual conference").taskId() + "/complete", ORG_DEPT,
                "{\"variables\":{\"conferenceDate\":{\"value\":\"1999-01-01\"},\"decisions\":{\"value\":\"印发要点\"},"
                + "\"targets\":{\"value\":\"三星级以上超过八成\"},\"tenProjects\":{\"value\":\"红色物业\"}}}", "conferenceDate");
        refused(400, "POST", "/engine-rest/task/" + forms.get("annual talk").taskId() + "/complete", ORG_DEPT,
                "{\"variables\":{\"talkDate\":{\"value\":\"1999-01-01\"},\"talkNotes\":{\"value\":\"肯定成绩\"}}}", "talkDate");
        // Camunda's own refusals were English or empty: a content type, a body of the wrong shape, a value of the wrong type
        refused(415, "POST", submit + "/complete", SECRETARY, "text/plain", "{\"variables\":{" + sound + "}}", null);
        refused(400, "POST", submit + "/complete", SECRETARY, "{\"variables\":[]}", "variables");
        refused(400, "POST", submit + "/complete", SECRETARY, "{\"variables\":{\"measures\":{\"value\":\"abc\",\"type\":\"Integer\"}}}", null);
        // /api: a wildcard or unknown charset (500), multipart without a boundary (500), NUL in a parameter (500),
        // Tomcat's and Spring's English pages, a fraction for a whole number cut silently
        refused(415, "POST", "/api/rectifications", ORG_DEPT, "*/*", "{}", null);
        refused(415, "POST", "/api/rectifications", ORG_DEPT, "application/json; charset=bogus", "{}", null);
        refused(400, "POST", "/api/directory", ORG_DEPT, "multipart/form-data", "abc", null);
        refused(400, "GET", "/api/rounds?processId=%00", ORG_DEPT, null, null, "processId");
        refused(400, "GET", "/api/duty-reports?organizationId=a%0Ab", ORG_DEPT, null, null, "organizationId");
        refused(400, "GET", "/api/rectifications/%2F", ORG_DEPT, null, null, null);
        refused(400, "GET", "/api/surveys/a%00b", SECRETARY, null, null, null);
        refused(404, "GET", "/api/rounds/", ORG_DEPT, null, null, null);
        refused(400, "POST", "/api/inspections", ORG_DEPT, "{\"year\":" + REFUSED_YEAR + ",\"quarter\":1,\"sampleSize\":1.5}", "sampleSize");
        refused(400, "POST", "/api/account/password", SECRETARY,
                "{\"userId\":\"li\\u0000changfu\",\"currentPassword\":\"x\",\"newPassword\":\"y\"}", "userId");
    }

    private static void refused(int status, String method, String path, String user, String body, String field) {
        refused(status, method, path, user, body == null ? null : "application/json", body, field);
    }

    private static void refused(int status, String method, String path, String user, String contentType, String body, String field) {
        Answer answer = check(new Probe("regression " + method + " " + path.replaceAll("/task/[^/]+", "/task/{id}"), method, path, user,
                contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "regression", field, field != null));
        assertThat(answer.status()).as("%s %s: %s", method, path, answer.body()).isEqualTo(status);
    }

    /** Sends one probe and records what is wrong with the answer. */
    private static Answer check(Probe probe) {
        tried.computeIfAbsent(probe.endpoint(), k -> new AtomicLong()).incrementAndGet();
        fingerprint = fingerprint(); // right before: what other tests left running in the background is not the request's
        Answer answer = send(probe.method(), probe.path(), probe.user(), probe.contentType(), probe.body());
        List<String> wrong = new ArrayList<>();
        if (answer.status() >= 500) {
            wrong.add("a server error");
        }
        if (answer.status() >= 400) {
            String message = answer.message();
            if (message == null) {
                wrong.add("no JSON error with a message");
            } else if (!CJK.matcher(message).find()) {
                wrong.add("a message that is not Chinese");
            }
            if (answer.status() == 400 && probe.field() != null && probe.namesField() && !answer.names(probe.field())) {
                wrong.add("a refusal that does not name the field " + probe.field());
            }
            String now = fingerprint();
            if (!now.equals(fingerprint)) {
                wrong.add("a refusal that changed " + difference(fingerprint, now));
                fingerprint = now;
            }
        } else {
            stableFingerprint(); // accepted: let what it set off after its commit (mail) settle before the next request
        }
        record(wrong, probe, answer);
        return answer;
    }

    /** What is wrong with an answer: fails the try, or with {@code -Dfuzz.keepGoing=true} only at the end (to see all). */
    private static void record(List<String> wrong, Probe probe, Answer answer) {
        if (!wrong.isEmpty()) {
            String line = String.join(", ", wrong) + ": " + probe + " -> " + answer.status() + " " + abbreviate(answer.body(), 300);
            synchronized (violations) {
                violations.add(line);
            }
            if (!Boolean.getBoolean("fuzz.keepGoing")) {
                throw new AssertionError(line);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // the /api requests

    /** One request: which endpoint, who sends what, and which field the mutation hit (null: the whole request). */
    record Probe(String endpoint, String method, String path, String user, String contentType, byte[] body, String mutation,
            String field, boolean namesField) {

        @Override
        public String toString() {
            return method + " " + path + " as " + user + " [" + mutation + (field == null ? "" : " @" + field) + "] "
                    + (contentType == null ? "" : contentType + " ") + (body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8), 200));
        }
    }

    /** An endpoint of the application: method, path pattern and the handler method's declared parameters. */
    record Endpoint(String method, String pattern, HandlerMethod handler, MediaType consumes) {

        String name() {
            return method + " " + pattern;
        }

        List<MethodParameter> parameters() {
            return List.of(handler.getMethodParameters());
        }
    }

    static List<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
        List<Endpoint> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            MediaType consumes = info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst().orElse(null);
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                    parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    found.add(new Endpoint(method.name(), pattern, entry.getValue(), consumes));
                }
            }
        }
        // one per method and path (a method mapped twice under one path is one endpoint)
        Map<String, Endpoint> distinct = new TreeMap<>();
        found.forEach(e -> distinct.putIfAbsent(e.name(), e));
        return List.copyOf(distinct.values());
    }

    @Provide
    Arbitrary<Probe> badRequests() {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints);
        return endpoint.flatMap(e -> Combinators.combine(Arbitraries.of(ORG_DEPT, SECRETARY), mutationsOf(e))
                .as((user, mutation) -> mutation.apply(user)));
    }

    /** The mutations that fit an endpoint: of its path variables, query parameters, body or content type. */
    private static Arbitrary<java.util.function.Function<String, Probe>> mutationsOf(Endpoint e) {
        List<Arbitrary<java.util.function.Function<String, Probe>>> choices = new ArrayList<>();
        for (MethodParameter p : e.parameters()) {
            PathVariable path = p.getParameterAnnotation(PathVariable.class);
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (path != null) {
                String name = name(p, path.value(), path.name());
                choices.add(badScalars(p.getParameterType()).map(v -> user -> request(e, user, Map.of(name, v), Map.of(), null,
                        "path " + name + "=" + abbreviate(v, 40), name, false)));
            } else if (param != null && !MultipartFile.class.isAssignableFrom(p.getParameterType())) {
                String name = name(p, param.value(), param.name());
                choices.add(badScalars(p.getParameterType()).map(v -> user -> request(e, user, Map.of(), Map.of(name, v), null,
                        "query " + name + "=" + abbreviate(v, 40), name, isTyped(p.getParameterType()))));
            }
        }
        BodyKind kind = bodyKind(e);
        if (kind == BodyKind.JSON) {
            Class<?> type = bodyType(e);
            choices.add(fieldMutations(type).map(m -> user -> {
                ObjectNode body = validBody(e, type);
                m.apply(body);
                return request(e, user, Map.of(), Map.of(), json(body),
                        m.mutation(), m.field(), m.typed());
            }));
            choices.add(malformedBodies().map(b -> user -> new Probe(e.name(), e.method(), path(e, Map.of(), Map.of()), user,
                    "application/json", b.getBytes(StandardCharsets.UTF_8), "malformed JSON", null, false)));
        }
        if (kind == BodyKind.MULTIPART) {
            choices.add(badUploads().map(u -> user -> new Probe(e.name(), e.method(), path(e, Map.of(), Map.of()), user,
                    u.contentType(), u.body(), u.mutation(), null, false)));
        }
        if (kind != BodyKind.NONE || !e.method().equals("GET")) {
            choices.add(wrongContentTypes().map(c -> user -> new Probe(e.name(), e.method(), path(e, Map.of(), Map.of()), user,
                    c.get(0), c.get(1).getBytes(StandardCharsets.UTF_8), "content type " + c.get(0), null, false)));
        }
        choices.add(Arbitraries.just(user -> request(e, user, Map.of(), Map.of(), kind == BodyKind.JSON ? json(validBody(e, bodyType(e))) : null,
                "as is", null, false)));
        return Arbitraries.oneOf(choices);
    }

    enum BodyKind { NONE, JSON, MULTIPART }

    private static BodyKind bodyKind(Endpoint e) {
        for (MethodParameter p : e.parameters()) {
            if (p.hasParameterAnnotation(RequestBody.class)) {
                return BodyKind.JSON;
            }
            if (p.hasParameterAnnotation(RequestPart.class) || MultipartFile.class.isAssignableFrom(p.getParameterType())) {
                return BodyKind.MULTIPART;
            }
        }
        return BodyKind.NONE;
    }

    private static Class<?> bodyType(Endpoint e) {
        return e.parameters().stream().filter(p -> p.hasParameterAnnotation(RequestBody.class)).findFirst()
                .map(MethodParameter::getParameterType).orElse(Object.class);
    }

    private static String name(MethodParameter p, String value, String name) {
        String explicit = !value.isEmpty() ? value : name;
        return !explicit.isEmpty() ? explicit : p.getParameterName();
    }

    private static Probe request(Endpoint e, String user, Map<String, String> pathValues, Map<String, String> query, byte[] body,
            String mutation, String field, boolean namesField) {
        return new Probe(e.name(), e.method(), path(e, pathValues, query), user, body == null ? null : "application/json", body,
                mutation, field, namesField);
    }

    /** The endpoint's path with a sound value for each variable (or the mutated one) and its parameters. */
    private static String path(Endpoint e, Map<String, String> mutated, Map<String, String> query) {
        String path = e.pattern();
        for (MethodParameter p : e.parameters()) {
            PathVariable variable = p.getParameterAnnotation(PathVariable.class);
            if (variable != null) {
                String name = name(p, variable.value(), variable.name());
                String value = mutated.containsKey(name) ? mutated.get(name) : soundPathValue(e, name, p.getParameterType());
                path = path.replace("{" + name + "}", encodePath(value));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (MethodParameter p : e.parameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param != null && !MultipartFile.class.isAssignableFrom(p.getParameterType())) {
                String name = name(p, param.value(), param.name());
                parameters.put(name, soundValue(name, p.getParameterType()));
            }
        }
        parameters.putAll(query);
        return path + (parameters.isEmpty() ? "" : "?" + parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + (entry.getValue().startsWith("%") ? entry.getValue()
                        : URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&")));
    }

    /** A sound value of a path variable; the endpoints that start rounds or publish get a year they refuse. */
    private static String soundPathValue(Endpoint e, String name, Class<?> type) {
        boolean writes = !e.method().equals("GET");
        if (name.equals("year") && writes) {
            return String.valueOf(REFUSED_YEAR);
        }
        if (name.equals("id") && e.pattern().startsWith("/api/rectifications/")) {
            return String.valueOf(ownItem.id());
        }
        if (name.equals("id") && writes) {
            return "999999999";
        }
        return soundValue(name, type);
    }

    private static String soundValue(String name, Class<?> type) {
        LocalDate today = process.today();
        return switch (name) {
            case "year" -> String.valueOf(today.getYear());
            case "quarter" -> String.valueOf((today.getMonthValue() - 1) / 3 + 1);
            case "type" -> "VILLAGE";
            case "organizationId" -> LIJIA;
            case "town" -> "town-hexi";
            case "userId" -> SECRETARY;
            case "processId" -> DutyReportProcess.PROCESS_ID;
            case "half" -> "YEAR_END";
            case "limit", "version", "id", "fileId" -> "1";
            default -> type.isEnum() ? type.getEnumConstants()[0].toString()
                    : type == Boolean.class || type == boolean.class ? "true"
                    : Number.class.isAssignableFrom(type) || type.isPrimitive() ? "1"
                    : LocalDate.class.equals(type) ? today.toString() : "x";
        };
    }

    private static boolean isTyped(Class<?> type) {
        return type.isPrimitive() || Number.class.isAssignableFrom(type) || type.isEnum() || type == Boolean.class
                || Temporal.class.isAssignableFrom(type);
    }

    /** Values of a path variable or query parameter, as they would be typed in a URL. */
    private static Arbitrary<String> badScalars(Class<?> type) {
        List<String> values = new ArrayList<>(List.of("abc", "-1", "0", "-9223372036854775809", "99999999999999999999",
                "2147483648", "1e309", "1.5", "NaN", "", " ", "null", "true", "<script>alert(1)</script>", "' or 1=1 --",
                "1; drop table rectification_item; --", "０", "١٢", "BOGUS", "village-lijia' --", "0000-01-01", "99999-12-31",
                "2026-02-30", "a\u0000b", "a\r\nX-Injected: 1", "\u202e", "x".repeat(2000), "🙂", "..", "%00", "%2F", "%5C", "%C0%AE",
                "a%0Ab"));
        if (type.isEnum()) {
            values.add(type.getEnumConstants()[0].toString().toLowerCase());
        }
        return Arbitraries.of(values);
    }

    // ------------------------------------------------------------------------------------------------------------
    // JSON bodies: a sound body from the record's declared types, then one field (or the whole) made wrong

    /** A body from the record's components: sound values, with a year that starting things refuses. */
    private static ObjectNode validBody(Endpoint e, Class<?> type) {
        if (type == String.class) {
            Answer current = send("GET", path(e, Map.of(), Map.of()).replace("/" + REFUSED_YEAR + "/", "/" + process.today().getYear() + "/"),
                    ORG_DEPT, null, null);
            JsonNode read = current.status() == 200 ? current.json() : null;
            return read instanceof ObjectNode object ? object : NODES.objectNode();
        }
        return (ObjectNode) soundJson(type, type, "");
    }

    private static JsonNode soundJson(Type generic, Class<?> type, String name) {
        if (type.isRecord()) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent c : type.getRecordComponents()) {
                object.set(c.getName(), soundJson(c.getGenericType(), c.getType(), c.getName()));
            }
            return object;
        }
        if (Collection.class.isAssignableFrom(type)) {
            ArrayNode array = NODES.arrayNode();
            array.add(soundJson(elementType(generic, 0), rawType(elementType(generic, 0)), name));
            return array;
        }
        if (Map.class.isAssignableFrom(type)) {
            return NODES.objectNode();
        }
        return switch (name) {
            case "year" -> NODES.numberNode(REFUSED_YEAR);
            case "userId" -> NODES.textNode("fuzz.nobody");
            case "organizationId" -> NODES.textNode(LIJIA);
            case "reviewerIds", "dutyReportReviewers", "inspectors" -> NODES.textNode(ORG_DEPT);
            case "checklist" -> NODES.textNode("VILLAGE-09");
            default -> type.isEnum() ? NODES.textNode(type.getEnumConstants()[0].toString())
                    : type == LocalDate.class ? NODES.textNode(process.workingDay(10).toString())
                    : type == OffsetDateTime.class ? NODES.textNode(OffsetDateTime.now().plusDays(30).toString())
                    : type == Boolean.class || type == boolean.class ? NODES.booleanNode(true)
                    : type == Integer.class || type == int.class || type == Long.class || type == long.class ? NODES.numberNode(1)
                    : Number.class.isAssignableFrom(type) ? NODES.numberNode(1.0)
                    : NODES.textNode("模糊测试 " + name);
        };
    }

    private static Type elementType(Type generic, int index) {
        return generic instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index] : String.class;
    }

    private static Class<?> rawType(Type type) {
        return type instanceof Class<?> c ? c : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    }

    /** One change to a body: which field (a path such as {@code scope.kind}), what was done, whether the type is wrong. */
    record FieldMutation(String field, String mutation, JsonNode value, boolean remove, boolean typed) {

        void apply(ObjectNode body) {
            if (field == null) {
                return;
            }
            ObjectNode parent = body;
            String[] path = field.split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode next = parent.get(path[i]);
                if (!(next instanceof ObjectNode object)) {
                    return;
                }
                parent = object;
            }
            if (remove) {
                parent.remove(path[path.length - 1]);
            } else {
                parent.set(path[path.length - 1], value);
            }
        }
    }

    private static Arbitrary<FieldMutation> fieldMutations(Class<?> type) {
        List<Arbitrary<FieldMutation>> choices = new ArrayList<>();
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        collectFields(type, "", fields);
        fields.forEach((field, fieldType) -> choices.add(badValues(fieldType).map(v -> new FieldMutation(field, v.mutation(), v.value(),
                v.value() == null, v.typed() && isTyped(fieldType)))));
        if (fields.isEmpty()) {
            // a body read as text: fields of what the GET answers, and any field
            for (String field : List.of("items", "year", "type", "days", "x")) {
                choices.add(badValues(String.class).map(v -> new FieldMutation(field, v.mutation(), v.value(), v.value() == null, false)));
            }
        }
        choices.add(Arbitraries.of("__proto__", "fooExpression", "a\u0000b", "", "@class").map(
                unknown -> new FieldMutation(unknown, "unknown field " + unknown, NODES.textNode("${1+1}"), false, false)));
        return Arbitraries.oneOf(choices);
    }

    private static void collectFields(Class<?> type, String prefix, Map<String, Class<?>> fields) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            fields.put(prefix + c.getName(), c.getType());
            collectFields(c.getType(), prefix + c.getName() + ".", fields);
        }
    }

    record BadValue(String mutation, JsonNode value, boolean typed) {
    }

    /** Wrong values for a field of this type: wrong JSON types are {@code typed}, the rest are wrong contents. */
    private static Arbitrary<BadValue> badValues(Class<?> type) {
        List<BadValue> values = new ArrayList<>(List.of(
                new BadValue("missing", null, false),
                new BadValue("null", NODES.nullNode(), false),
                new BadValue("object", NODES.objectNode().put("a", 1), true),
                new BadValue("array", NODES.arrayNode().add("a").add(2), !Collection.class.isAssignableFrom(type)),
                new BadValue("1 MB string", NODES.textNode("长".repeat(MEGABYTE / 3 + 1)), false),
                new BadValue("100 KB string", NODES.textNode("长".repeat(100_000)), false),
                new BadValue("control characters", NODES.textNode("整改\u0000\u0007\u001b[31m完成"), false),
                new BadValue("line breaks", NODES.textNode("第一行\r\n第二行\u2028第三行"), false),
                new BadValue("script tag", NODES.textNode("<script>alert(document.cookie)</script>"), false),
                new BadValue("SQL", NODES.textNode("' or 1=1 --"), false),
                new BadValue("SQL drop", NODES.textNode("x'); drop table rectification_item; --"), false),
                new BadValue("bidi", NODES.textNode("\u202egnp.exe"), false),
                new BadValue("blank", NODES.textNode("   "), false),
                new BadValue("huge number", NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")), true),
                new BadValue("huge decimal", NODES.numberNode(new java.math.BigDecimal("1e400")), true),
                new BadValue("negative", NODES.numberNode(-1), false),
                new BadValue("fraction", NODES.numberNode(1.5), true),
                new BadValue("boolean", NODES.booleanNode(false), true)));
        boolean text = type == String.class;
        boolean typedAsText = !text; // a string where a number, enum, date or list belongs
        values.add(new BadValue("wrong enum", NODES.textNode("BOGUS"), typedAsText && !Collection.class.isAssignableFrom(type)));
        values.add(new BadValue("date 0000-01-01", NODES.textNode("0000-01-01"), false));
        values.add(new BadValue("date 99999-12-31", NODES.textNode("99999-12-31"), typedAsText && !Collection.class.isAssignableFrom(type)));
        values.add(new BadValue("date 2026-02-30", NODES.textNode("2026-02-30"), typedAsText && !Collection.class.isAssignableFrom(type)));
        values.add(new BadValue("date 2026-13-01", NODES.textNode("2026-13-01"), type == LocalDate.class));
        values.add(new BadValue("moment without zone", NODES.textNode("2027-03-01T09:00:00"), false));
        values.add(new BadValue("number as text", NODES.textNode("12abc"), typedAsText && !Collection.class.isAssignableFrom(type)));
        if (text) {
            values.add(new BadValue("number for text", NODES.numberNode(12), false));
        }
        return Arbitraries.of(values);
    }

    private static Arbitrary<String> malformedBodies() {
        return Arbitraries.of("", " ", "{", "{\"a\":", "[1,2", "nul", "{\"x\":1}}", "\uFEFF{}", "{'a':'b'}", "{\"a\":1,}",
                "{\"a\":NaN}", "/* */{}", "{\"a\":\"\\uZZZZ\"}", "[]", "\"text\"", "42", "null", "true",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"dueDate\":\"2026-02-30\"", "\u0000\u0000", "<xml/>", "{\"a\":\"\ud800\"}");
    }

    private static Arbitrary<List<String>> wrongContentTypes() {
        return Arbitraries.of(List.of("text/plain", "{\"a\":1}"), List.of("application/xml", "<a>1</a>"),
                List.of("application/x-www-form-urlencoded", "a=1&b=%00"), List.of("multipart/form-data", "--x--"),
                List.of("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n"),
                List.of("application/json; charset=bogus", "{}"), List.of("application/json; charset=UTF-16", "{}"),
                List.of("application/octet-stream", "\u0000\u0001"), List.of("text/html", "<script>alert(1)</script>"),
                List.of("*/*", "{}"), List.of("application/json", "{\"a\":1}\u0000"));
    }

    record Upload(String mutation, String contentType, byte[] body) {
    }

    /** Multipart bodies: no part, another part's name, files that are nothing the endpoint takes, a broken envelope. */
    private static Arbitrary<Upload> badUploads() {
        String boundary = "----fuzz1248";
        List<Upload> uploads = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("empty", new byte[0]);
        files.put("binary", new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe});
        files.put("html", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        files.put("yaml with unknown field", "organizations:\n  - id: x\n    evil: ' or 1=1 --\n".getBytes(StandardCharsets.UTF_8));
        files.put("csv with control characters", "组织编号,总体得分\nvillage-lijia\u0000,abc\n".getBytes(StandardCharsets.UTF_8));
        files.put("csv with script", "组织编号,总体得分,评语\nvillage-lijia,101,<script>alert(1)</script>\n".getBytes(StandardCharsets.UTF_8));
        files.put("GBK garbage", "组织编号".getBytes(Charset.forName("GBK")));
        files.put("long line", "a".repeat(300_000).getBytes(StandardCharsets.UTF_8));
        files.put("zip header", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        files.forEach((what, content) -> {
            for (String part : List.of("file", "files", "")) {
                for (String fileName : List.of("a.csv", "../../a\u0000.exe", "<script>.pdf", "")) {
                    uploads.add(new Upload(what + " in part '" + part + "' named " + fileName, "multipart/form-data; boundary=" + boundary,
                            multipart(boundary, part, fileName, content)));
                }
            }
        });
        uploads.add(new Upload("no parts", "multipart/form-data; boundary=" + boundary, ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        uploads.add(new Upload("broken envelope", "multipart/form-data; boundary=" + boundary, ("--" + boundary + "\r\nabc").getBytes(StandardCharsets.UTF_8)));
        uploads.add(new Upload("no boundary", "multipart/form-data", "abc".getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.of(uploads);
    }

    private static byte[] multipart(String boundary, String part, String fileName, byte[] content) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    // ------------------------------------------------------------------------------------------------------------
    // task forms: open tasks of every process, their deployed forms' fields, variables made wrong

    /** An open task of a process whose form is fuzzed, opened again (by {@code open}) when an answer completed it. */
    static final class FormFixture {

        private final String name;
        private final Supplier<Task> open;
        private String taskId;
        private String taskName;
        private String element;
        private String processKey;
        private String assignee;
        private List<JsonNode> fields;
        /** The process's {@code year}, where it has one. */
        private Integer year;

        FormFixture(String name, Supplier<Task> open) {
            this.name = name;
            this.open = open;
            used();
        }

        String name() {
            return name;
        }

        String taskId() {
            return taskId;
        }

        void used() {
            Task task = open.get();
            taskId = task.getId();
            taskName = task.getName();
            element = task.getTaskDefinitionKey();
            processKey = context.getBean(RepositoryService.class).getProcessDefinition(task.getProcessDefinitionId()).getKey();
            assignee = task.getAssignee();
            year = context.getBean(TaskService.class).getVariable(taskId, "year") instanceof Number n ? n.intValue() : null;
            try (InputStream form = context.getBean(FormService.class).getDeployedTaskForm(taskId)) {
                List<JsonNode> all = new ArrayList<>();
                collect(JSON.readTree(form).path("components"), all);
                fields = all;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void collect(JsonNode components, List<JsonNode> into) {
            for (JsonNode component : components) {
                if (component.hasNonNull("key")) {
                    into.add(component);
                }
                collect(component.path("components"), into);
            }
        }
    }

    private static void openTasks() {
        TaskService tasks = context.getBean(TaskService.class);
        RectificationService rectifications = context.getBean(RectificationService.class);
        Rounds rounds = context.getBean(Rounds.class);
        InspectionService inspections = context.getBean(InspectionService.class);
        AtomicLong years = new AtomicLong(fixtureYear);
        Supplier<RectificationItem> item = () -> rectifications.open(new NewRectification(LIJIA, Source.OTHER, "模糊测试",
                "模糊测试：党员发展程序不规范", "", Severity.LOW, process.workingDay(10), null), SUPERVISOR);
        forms.put("rectification submit", new FormFixture("rectification submit",
                () -> tasks.createTaskQuery().processInstanceId(item.get().processInstanceId()).singleResult()));
        forms.put("rectification verify", new FormFixture("rectification verify", () -> {
            String instance = item.get().processInstanceId();
            tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
                    Map.of("measures", "已补齐会议记录", "evidence", "会议记录照片"));
            Task verify = tasks.createTaskQuery().processInstanceId(instance).singleResult();
            tasks.claim(verify.getId(), SUPERVISOR);
            return tasks.createTaskQuery().taskId(verify.getId()).singleResult();
        }));
        // duty report: written by 李家村's secretary in a round of its own, reviewed by 河西镇's staff, graded by each reviewer
        Supplier<Task> reportToWrite = () -> {
            long year = years.incrementAndGet();
            var round = rounds.start(DutyReportProcess.PROCESS_ID, year + "-MID_YEAR", year + "年年中书记述职",
                    new RoundScope(RoundScope.Kind.UNDER, null, LIJIA, null, null),
                    Map.of("year", (int) year, "half", "MID_YEAR", "dueDate", process.workingDay(10).toString(),
                            "reviewerIds", List.of(ORG_DEPT, "kong.linghui", SUPERVISOR)), ORG_DEPT);
            org.awaitility.Awaitility.await().atMost(ProcessTestSupport.PATIENCE)
                    .until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
            return tasks.createTaskQuery().processInstanceBusinessKey(year + "-MID_YEAR-" + LIJIA).singleResult();
        };
        forms.put("duty report write", new FormFixture("duty report write", reportToWrite));
        forms.put("list signing", new FormFixture("list signing", () -> {
            long year = years.incrementAndGet();
            var round = rounds.start(ListSigningProcess.PROCESS_ID, String.valueOf(year), year + "年度书记责任清单签订",
                    new RoundScope(RoundScope.Kind.UNDER, null, LIJIA, null, null),
                    Map.of("year", (int) year, "dueDate", process.workingDay(10).toString()), ORG_DEPT);
            org.awaitility.Awaitility.await().atMost(ProcessTestSupport.PATIENCE)
                    .until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
            return tasks.createTaskQuery().processInstanceBusinessKey(year + "-" + LIJIA).singleResult();
        }));
        forms.put("inspection record", new FormFixture("inspection record", () -> {
            int year = (int) years.incrementAndGet();
            String instance = inspections.startRound(year, 4, new InspectionPlan(year, 4, "“三会一课”制度落实情况", "UNDER", null,
                    "town-hexi", null, null, List.of("VILLAGE-09"), List.of("bai.xuefeng", "cui.zhihua"), process.workingDay(10)), ORG_DEPT);
            runJobs(instance);
            return tasks.createTaskQuery().processInstanceId(instance).taskAssignee("bai.xuefeng").listPage(0, 1).get(0);
        }));
        forms.put("inspection plan", new FormFixture("inspection plan", () -> {
            int year = (int) years.incrementAndGet();
            String instance = inspections.startRound(year, 4, new InspectionPlan(year, 4, null, null, null, null, null, null, null,
                    null, null), ORG_DEPT);
            runJobs(instance);
            Task plan = tasks.createTaskQuery().processInstanceId(instance).singleResult();
            tasks.claim(plan.getId(), ORG_DEPT);
            return tasks.createTaskQuery().taskId(plan.getId()).singleResult();
        }));
        Supplier<String> writtenReport = () -> {
            Task write = reportToWrite.get();
            tasks.complete(write.getId(), Map.of(DutyReportProcess.Variables.WORK_DONE, "落实“三会一课”，开展主题党日 12 次",
                    DutyReportProcess.Variables.PROBLEMS, "党员教育形式单一", DutyReportProcess.Variables.NEXT_STEPS, "开设线上党课"));
            return write.getProcessInstanceId();
        };
        forms.put("duty report review", new FormFixture("duty report review", () -> {
            Task review = tasks.createTaskQuery().processInstanceId(writtenReport.get()).singleResult();
            tasks.claim(review.getId(), SUPERVISOR);
            return tasks.createTaskQuery().taskId(review.getId()).singleResult();
        }));
        forms.put("duty report grade", new FormFixture("duty report grade", () -> {
            String instance = writtenReport.get();
            tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
                    Map.of(DutyReportProcess.Variables.REVIEW_DECISION, DutyReportProcess.REVIEW_APPROVE));
            return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(DutyReportProcess.Elements.GRADE)
                    .taskAssignee(ORG_DEPT).singleResult();
        }));
        // rectification: returned until the rejection limit, then the organization department decides on accountability
        forms.put("rectification accountability", new FormFixture("rectification accountability", () -> {
            String instance = item.get().processInstanceId();
            for (int round = 0; round < 10; round++) {
                Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
                switch (task.getTaskDefinitionKey()) {
                    case RectificationProcess.Elements.SUBMIT -> tasks.complete(task.getId(), Map.of(RectificationProcess.Variables.MEASURES,
                            "已补齐会议记录", RectificationProcess.Variables.EVIDENCE, "会议记录照片"));
                    case RectificationProcess.Elements.VERIFY -> tasks.complete(task.getId(), Map.of(RectificationProcess.Variables.VERIFICATION,
                            RectificationProcess.VERIFICATION_REJECT, RectificationProcess.Variables.REJECTION_REASON, "措施不到位"));
                    default -> {
                        tasks.claim(task.getId(), ORG_DEPT);
                        return tasks.createTaskQuery().taskId(task.getId()).singleResult();
                    }
                }
            }
            throw new IllegalStateException("no accountability decision after ten rounds of " + instance);
        }));
        // inspection: every organization under 河西镇 inspected (李家村 with one finding), then the bulletin, then 回头看
        forms.put("inspection bulletin", new FormFixture("inspection bulletin", () -> {
            String instance = inspectedRound(years.incrementAndGet(), false);
            Task bulletin = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.BULLETIN).singleResult();
            tasks.claim(bulletin.getId(), ORG_DEPT);
            return tasks.createTaskQuery().taskId(bulletin.getId()).singleResult();
        }));
        forms.put("inspection revisit", new FormFixture("inspection revisit", () -> {
            long year = years.incrementAndGet();
            String instance = inspectedRound(year, true);
            String rectification = jdbc.sql("select process_instance_id from rectification_item where source = 'INSPECTION' and source_ref = ?")
                    .param(year + "-Q4").query(String.class).single();
            Task submit = tasks.createTaskQuery().processInstanceId(rectification).singleResult();
            tasks.complete(submit.getId(), Map.of(RectificationProcess.Variables.MEASURES, "已补开支部委员会",
                    RectificationProcess.Variables.EVIDENCE, "会议记录扫描件"));
            Task verify = tasks.createTaskQuery().processInstanceId(rectification).singleResult();
            tasks.claim(verify.getId(), "bai.xuefeng");
            tasks.complete(verify.getId(), Map.of(RectificationProcess.Variables.VERIFICATION, RectificationProcess.VERIFICATION_ACCEPT));
            runJobs(instance);
            Task bulletin = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.BULLETIN).singleResult();
            tasks.complete(bulletin.getId(), Map.of("documentNumber", "青组通〔" + year + "〕1号", "remarks", ""));
            runJobs(instance);
            ManagementService management = context.getBean(ManagementService.class);
            Job due = management.createJobQuery().processInstanceId(instance).timers().activityId(InspectionProcess.Elements.REVISIT_DUE).singleResult();
            try {
                ClockUtil.setCurrentTime(due.getDuedate());
                management.executeJob(due.getId());
            } finally {
                ClockUtil.reset();
            }
            return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.REVISIT).singleResult();
        }));
        // the annual cycle, in a year no timer reaches: the conference as started, the later tasks started where they stand
        RuntimeService runtime = context.getBean(RuntimeService.class);
        AnnualCycleService cycles = context.getBean(AnnualCycleService.class);
        AtomicLong cycleYears = new AtomicLong(8000 + System.nanoTime() % 900); // four digits, as the forms' dates are written
        java.util.function.Function<String, String> cycleAt = activity -> {
            int year = (int) cycleYears.incrementAndGet();
            Map<String, OffsetDateTime> schedule = new LinkedHashMap<>();
            List.of(AnnualCycleProcess.Schedule.Q1, AnnualCycleProcess.Schedule.Q2, AnnualCycleProcess.Schedule.Q3,
                    AnnualCycleProcess.Schedule.Q4, AnnualCycleProcess.Schedule.MID_YEAR_REPORTS, AnnualCycleProcess.Schedule.YEAR_END_REPORTS,
                    AnnualCycleProcess.Schedule.SURVEY_WINDOW).forEach(key -> schedule.put(key,
                    OffsetDateTime.of(year, 3 + schedule.size(), 1, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8))));
            schedule.put(AnnualCycleProcess.Schedule.ASSESSMENT, OffsetDateTime.of(year + 1, 1, 10, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
            String instance = cycles.startCycle(year, schedule, List.of(ORG_DEPT, "kong.linghui"), ORG_DEPT);
            if (activity != null) {
                runtime.createProcessInstanceModification(instance).startBeforeActivity(activity).execute();
                runJobs(instance);
            }
            return instance;
        };
        java.util.function.BiFunction<String, String, Task> claimed = (activity, element) -> {
            Task task = tasks.createTaskQuery().processInstanceId(cycleAt.apply(activity)).taskDefinitionKey(element).listPage(0, 1).get(0);
            tasks.claim(task.getId(), ORG_DEPT);
            return tasks.createTaskQuery().taskId(task.getId()).singleResult();
        };
        forms.put("annual conference", new FormFixture("annual conference",
                () -> claimed.apply(null, AnnualCycleProcess.Elements.CONFERENCE)));
        forms.put("annual survey", new FormFixture("annual survey",
                () -> claimed.apply(AnnualCycleProcess.Elements.CONFIRM_SURVEY, AnnualCycleProcess.Elements.CONFIRM_SURVEY)));
        forms.put("annual talk", new FormFixture("annual talk",
                () -> claimed.apply(AnnualCycleProcess.Elements.ASSESS, AnnualCycleProcess.Elements.TALK)));
        forms.put("annual confirm", new FormFixture("annual confirm",
                () -> claimed.apply(AnnualCycleProcess.Elements.ASSESS, AnnualCycleProcess.Elements.CONFIRM_LISTS)));
    }

    /**
     * A fourth-quarter round under 河西镇, every organization inspected by the server (李家村 with one finding when
     * {@code finding}), waiting at the bulletin; returns its instance.
     */
    private static String inspectedRound(long year, boolean finding) {
        TaskService tasks = context.getBean(TaskService.class);
        String instance = context.getBean(InspectionService.class).startRound((int) year, 4, new InspectionPlan((int) year, 4,
                "“三会一课”制度落实情况", "UNDER", null, "town-hexi", null, null, List.of("VILLAGE-09"), List.of("bai.xuefeng", "cui.zhihua"),
                process.workingDay(10)), ORG_DEPT);
        runJobs(instance);
        for (Task inspect : tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.INSPECT).list()) {
            boolean found = finding && LIJIA.equals(tasks.getVariable(inspect.getId(), InspectionProcess.Variables.INSPECTED_ORGANIZATION_ID));
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("summary", "对照检查项逐项检查");
            form.put("noFindings", !found);
            form.put("findings", found ? "VILLAGE-09｜一般｜为民办实事台账缺失" : "");
            tasks.complete(inspect.getId(), form);
        }
        runJobs(instance);
        return instance;
    }

    /** Runs the instance's due jobs (async continuations) as the job executor would; timers stay. */
    private static void runJobs(String instance) {
        ManagementService management = context.getBean(ManagementService.class);
        for (int i = 0; i < 200; i++) {
            List<Job> jobs = management.createJobQuery().processInstanceId(instance).executable().list().stream()
                    .filter(j -> management.createJobQuery().jobId(j.getId()).timers().count() == 0).toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
    }

    /** A form submission: which task's form, by whom, through which action, and the mutation. */
    record FormProbe(String form, String user, String action, String contentType, byte[] body, String mutation, String field) {
    }

    @Provide
    Arbitrary<FormProbe> badSubmissions() {
        // not the first and last form more often (jqwik's edge cases): each form its fair share of the tries
        return Arbitraries.of(List.copyOf(forms.keySet())).withoutEdgeCases().flatMap(name -> {
            FormFixture form = forms.get(name);
            List<JsonNode> editable = form.fields.stream().filter(f -> !readonly(f)).toList();
            Arbitrary<String> action = Arbitraries.of("complete", "submit-form");
            Arbitrary<String> user = Arbitraries.frequency(net.jqwik.api.Tuple.of(5, form.assignee), net.jqwik.api.Tuple.of(1, SECRETARY));
            Arbitrary<FormMutation> mutation = Arbitraries.oneOf(
                    Arbitraries.of(editable).flatMap(field -> formValueMutations(field)),
                    unknownVariables(),
                    typedValueAttacks(editable),
                    readonlyChanges(form.fields),
                    Arbitraries.of("", "{", "{\"variables\":", "{\"variables\":[]}", "{\"variables\":\"x\"}",
                            "{\"variables\":{\"measures\":\"not typed\"}}", "[]", "{\"variables\":{\"a\":{\"value\":".repeat(200))
                            .map(b -> new FormMutation("malformed body", null, null, b)),
                    Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "application/xml")
                            .map(c -> new FormMutation("content type " + c, null, null, c)));
            return Combinators.combine(user, action, mutation).as((u, a, m) -> m.probe(name, form, u, a));
        });
    }

    /** A change to the sound variables of a form: one field's value, an extra variable, or the whole body. */
    record FormMutation(String mutation, String field, java.util.function.UnaryOperator<ObjectNode> change, String raw) {

        FormProbe probe(String name, FormFixture form, String user, String action) {
            if (mutation.startsWith("content type")) {
                return new FormProbe(name, user, action, raw, soundVariables(form).toString().getBytes(StandardCharsets.UTF_8), mutation, null);
            }
            if (raw != null) {
                return new FormProbe(name, user, action, "application/json", raw.getBytes(StandardCharsets.UTF_8), mutation, null);
            }
            ObjectNode variables = change.apply(soundVariables(form));
            return new FormProbe(name, user, action, "application/json",
                    json(NODES.objectNode().set("variables", variables)), mutation, field);
        }
    }

    /** What a user would submit: every editable field with a value its form accepts. */
    private static ObjectNode soundVariables(FormFixture form) {
        ObjectNode variables = NODES.objectNode();
        for (JsonNode field : form.fields) {
            if (readonly(field)) {
                continue;
            }
            String key = field.get("key").asText();
            JsonNode value = switch (field.path("type").asText()) {
                case "number" -> NODES.numberNode(Math.max(field.path("validate").path("min").asInt(1), 1));
                case "checkbox" -> NODES.booleanNode(true);
                case "datetime" -> NODES.textNode(switch (key) {
                    case "conferenceDate" -> form.year + "-01-05"; // held in the cycle's year
                    case "talkDate" -> (form.year + 1) + "-01-12"; // after the assessment
                    default -> process.workingDay(10).toString(); // a due date
                });
                case "select", "radio" -> NODES.textNode(key.equals("scopeKind") ? "UNDER" : field.path("values").path(0).path("value").asText());
                default -> NODES.textNode(switch (key) {
                    case "scopeOrganizationId" -> "town-hexi";
                    case "checklist" -> "VILLAGE-09";
                    case "inspectors" -> "bai.xuefeng";
                    case "findings" -> ""; // with noFindings ticked
                    default -> "模糊测试填写的内容";
                });
            };
            variables.set(key, NODES.objectNode().set("value", value));
        }
        return variables;
    }

    private static boolean readonly(JsonNode field) {
        return field.path("readonly").asBoolean(false) || field.path("disabled").asBoolean(false);
    }

    private static Arbitrary<FormMutation> formValueMutations(JsonNode field) {
        String key = field.get("key").asText();
        int maxLength = field.path("validate").path("maxLength").asInt(4000);
        boolean required = field.path("validate").path("required").asBoolean(false);
        List<JsonNode> values = new ArrayList<>();
        switch (field.path("type").asText()) {
            case "number" -> {
                values.addAll(List.of(NODES.textNode("abc"), NODES.textNode("1e309"), NODES.textNode("NaN"), NODES.numberNode(1.5),
                        NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), NODES.textNode("<script>alert(1)</script>")));
                if (field.path("validate").has("min")) {
                    values.add(NODES.numberNode(field.path("validate").path("min").asInt() - 1));
                    values.add(NODES.numberNode(-2147483648L - 1));
                }
                if (field.path("validate").has("max")) {
                    values.add(NODES.numberNode(field.path("validate").path("max").asInt() + 1));
                }
            }
            case "datetime" -> values.addAll(List.of(NODES.textNode("0000-01-01"), NODES.textNode("99999-12-31"), NODES.textNode("2026-02-30"),
                    NODES.textNode("2026-13-01"), NODES.textNode("昨天"), NODES.textNode("1999-01-01"), NODES.textNode("-999999999-01-01"),
                    NODES.textNode("' or 1=1 --"), NODES.numberNode(20260101)));
            case "select", "radio" -> values.addAll(List.of(NODES.textNode("BOGUS"), NODES.textNode("<script>alert(1)</script>"),
                    NODES.textNode("' or 1=1 --"), NODES.textNode(field.path("values").path(0).path("value").asText().toLowerCase()),
                    NODES.numberNode(1), NODES.booleanNode(true)));
            case "checkbox" -> values.addAll(List.of(NODES.textNode("abc"), NODES.numberNode(1)));
            default -> values.addAll(List.of(NODES.textNode("长".repeat(maxLength + 1)), NODES.textNode("整改\u0000完成"),
                    NODES.textNode("整改\u0007\u001b[31m完成"), NODES.textNode("第一行\u2028第二行"), NODES.textNode("长".repeat(MEGABYTE / 3 + 1))));
        }
        if (required && !field.has("conditional")) { // a field the form hides may be left out
            values.add(null);
            values.add(NODES.nullNode());
        }
        return Arbitraries.of(values).map(v -> new FormMutation(v == null ? "missing" : abbreviate(v.toString(), 40), key, variables -> {
            if (v == null) {
                variables.remove(key);
            } else {
                variables.set(key, NODES.objectNode().set("value", v.isNull() ? null : v));
            }
            return variables;
        }, null));
    }

    private static Arbitrary<FormMutation> unknownVariables() {
        return Arbitraries.of("verifierGroups", "accepted", "itemId", "organizationId", "roundRejections", "__proto__", "名字",
                "a\u0000b", "x".repeat(300), "", "dueDateExpression", "<script>", "' or 1=1 --").map(name ->
                new FormMutation("unknown variable " + abbreviate(name, 20), name, variables -> {
                    variables.set(name, NODES.objectNode().put("value", "x"));
                    return variables;
                }, null));
    }

    private static Arbitrary<FormMutation> typedValueAttacks(List<JsonNode> editable) {
        List<ObjectNode> attacks = List.of(
                typed("x", "Object").set("valueInfo", NODES.objectNode().put("objectTypeName", "java.util.ArrayList")
                        .put("serializationDataFormat", "application/x-java-serialized-object")),
                typed("{\"@class\":\"java.util.Date\"}", "Json"), typed("<a/>", "Xml"), typed("AAAA", "Bytes"),
                typed("x", "File").set("valueInfo", NODES.objectNode().put("filename", "a.exe")), typed("x", "NoSuchType"),
                typed("abc", "Integer"), typed("abc", "Date"), typed("99999999999999999999", "Long"), typed("abc", "Boolean"),
                typed("1e309", "Double"));
        return Combinators.combine(Arbitraries.of(editable), Arbitraries.of(attacks)).as((field, attack) ->
                new FormMutation("typed " + attack.path("type").asText(), field.get("key").asText(), variables -> {
                    variables.set(field.get("key").asText(), attack.deepCopy());
                    return variables;
                }, null));
    }

    private static ObjectNode typed(String value, String type) {
        return NODES.objectNode().put("value", value).put("type", type);
    }

    private static Arbitrary<FormMutation> readonlyChanges(List<JsonNode> fields) {
        List<String> readonly = fields.stream().filter(BadInputFuzzTest::readonly).map(f -> f.get("key").asText()).toList();
        return Arbitraries.of(readonly).map(key -> new FormMutation("read-only changed", key, variables -> {
            variables.set(key, NODES.objectNode().put("value", "改过的<script>内容"));
            return variables;
        }, null));
    }

    // ------------------------------------------------------------------------------------------------------------
    // HTTP and the database's fingerprint

    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        String message() {
            JsonNode json = json();
            return json != null && json.hasNonNull("message") ? json.get("message").asText() : null;
        }

        /** The field is named: in {@code errors[].field} or in the message (the last part of a path is enough). */
        boolean names(String field) {
            String leaf = field.substring(field.lastIndexOf('.') + 1);
            JsonNode json = json();
            if (json == null) {
                return false;
            }
            if (json.path("field").asText("").contains(leaf)) {
                return true;
            }
            for (JsonNode error : json.path("errors")) {
                if (error.path("field").asText("").contains(leaf)) {
                    return true;
                }
            }
            return json.path("message").asText("").contains(leaf);
        }
    }

    static Answer send(String method, String path, String user, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Http.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encodePath(String value) {
        // values written percent-encoded on purpose (%00, %ZZ) go as they are
        return value.startsWith("%") || value.contains("%0") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String text, int max) {
        String shown = text.replaceAll("(.)\\1{40,}", "$1$1$1…").replace("\u0000", "\\u0000");
        return shown.length() <= max ? shown : shown.substring(0, max) + "…";
    }

    /** Tables whose rows change on their own (sessions, metrics, the engine's id blocks), not by a request. */
    private static final Set<String> MOVING = Set.of("spring_session", "spring_session_attributes", "act_ru_meter_log",
            "act_ru_task_meter_log", "act_ge_property");
    /** Product tables counted only: mail is retried in the background, files are large. */
    private static final Set<String> COUNTED_ONLY = Set.of("mail_outbox", "rectification_evidence", "survey_upload", "flyway_schema_history");

    /**
     * One query: every table's row count, the summed revisions of the engine's runtime rows (an update raises them),
     * and a hash of each product table's rows.
     */
    private static String fingerprintSql() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema() "
                + "and table_type = 'BASE TABLE' order by table_name").query(String.class).list();
        Set<String> revisioned = new java.util.HashSet<>(jdbc.sql("select table_name from information_schema.columns "
                + "where table_schema = current_schema() and column_name = 'rev_'").query(String.class).list());
        List<String> parts = new ArrayList<>();
        for (String table : tables) {
            if (MOVING.contains(table)) {
                continue;
            }
            String part = "'" + table + "=' || (select count(*) from " + table + ")";
            if (table.startsWith("act_ru_") && revisioned.contains(table)) {
                part += " || '/' || coalesce((select sum(rev_) from " + table + "), 0)";
            }
            if (!table.startsWith("act_") && !COUNTED_ONLY.contains(table)) {
                part += " || '/' || coalesce((select md5(string_agg(md5(t::text), '' order by md5(t::text))) from " + table + " t), '')";
            }
            parts.add(part);
        }
        return "select " + String.join(" || ';' || ", parts);
    }

    private static String fingerprint() {
        return jdbc.sql(fingerprintSql).query(String.class).single();
    }

    /** The fingerprint once background work (rounds starting, mail) has settled: the same twice, a moment apart. */
    private static String stableFingerprint() {
        String last = fingerprint();
        for (int i = 0; i < 50; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            String now = fingerprint();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static String difference(String before, String after) {
        Map<String, String> was = parts(before);
        return parts(after).entrySet().stream().filter(e -> !e.getValue().equals(was.get(e.getKey())))
                .map(e -> e.getKey() + " " + was.get(e.getKey()) + " → " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static Map<String, String> parts(String fingerprint) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : fingerprint.split(";")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return parts;
    }
}
