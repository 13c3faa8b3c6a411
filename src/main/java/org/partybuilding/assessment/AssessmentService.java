package org.partybuilding.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.partybuilding.assessment.AssessmentRepository.DutyReportRow;
import org.partybuilding.assessment.AssessmentRepository.ItemRow;
import org.partybuilding.assessment.AssessmentRepository.SignatureRow;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.survey.SurveyResults;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The year-end assessment (年度考核): every grassroots organization's Party Building Cup score (党的建设杯), stars
 * (先锋指数星级) and rank from the year's duty reports, rectification items, satisfaction survey and list signature.
 * The annual cycle calls {@link #assess(int)} at the year's end and uses the summary for commendation, accountability and
 * the performance talks (谈优谈差).
 */
@Service
public class AssessmentService {

    static final BigDecimal FULL_SCORE = BigDecimal.valueOf(100);
    static final BigDecimal LATE_SIGNATURE_SCORE = BigDecimal.valueOf(60);
    static final int WEIGHT_SCALE = 6;
    static final int THREE_STARS = 3;

    private final AssessmentRepository repository;
    private final AssessmentRules rules;
    private final DirectoryService directory;
    private final SurveyResults surveyResults;
    private final AssessmentProperties properties;
    private final ZoneId zone;
    private final Clock clock;

    AssessmentService(AssessmentRepository repository, AssessmentRules rules, DirectoryService directory, SurveyResults surveyResults,
            AssessmentProperties properties, @Value("${app.time-zone}") String zone) {
        this.repository = repository;
        this.rules = rules;
        this.directory = directory;
        this.surveyResults = surveyResults;
        this.properties = properties;
        this.zone = ZoneId.of(zone);
        this.clock = Clock.system(this.zone);
    }

    /**
     * Assesses the year and stores the results, replacing an earlier run of the same year, in one transaction (one run
     * of a year at a time, on any node).
     */
    @Transactional
    public AssessmentSummary assess(int year) {
        repository.lockYear(year);
        AssessmentRules.Run run = rules.run();
        List<Organization> organizations = directory.organizations().stream().filter(o -> o.domain().isGrassroots()).toList();
        Map<String, List<DutyReportRow>> dutyReports = repository.gradedDutyReports(year).stream()
                .collect(Collectors.groupingBy(DutyReportRow::organizationId));
        Map<String, List<ItemRow>> items = repository.rectificationItems(
                        LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant(), LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant())
                .stream().collect(Collectors.groupingBy(ItemRow::organizationId));
        Map<String, Map<String, Integer>> findings = repository.inspectionFindings(year);
        Map<String, SignatureRow> signatures = repository.signatures(year);
        Map<String, BigDecimal> survey = surveyResults.overallScores(year);

        List<Draft> drafts = new ArrayList<>();
        for (int position = 0; position < organizations.size(); position++) {
            Organization organization = organizations.get(position);
            String id = organization.id();
            drafts.add(draft(run, organization, position, dutyReports.getOrDefault(id, List.of()), items.getOrDefault(id, List.of()),
                    findings.getOrDefault(id, Map.of()), survey.get(id), signatures.get(id)));
        }
        List<AssessmentResult> results = ranked(year, drafts);

        int threeStars = (int) results.stream().filter(r -> r.stars() >= THREE_STARS).count();
        BigDecimal target = BigDecimal.valueOf(properties.threeStarTarget());
        boolean targetMet = !results.isEmpty() && BigDecimal.valueOf(threeStars).compareTo(target.multiply(BigDecimal.valueOf(results.size()))) >= 0;
        BigDecimal share = results.isEmpty() ? BigDecimal.ZERO
                : BigDecimal.valueOf(threeStars).divide(BigDecimal.valueOf(results.size()), WEIGHT_SCALE, RoundingMode.HALF_UP);
        AssessmentRun stored = new AssessmentRun(year, OffsetDateTime.now(clock), results.size(), threeStars, share, target, targetMet,
                properties.talks());
        repository.replace(stored, run.weights(), results);
        return summary(stored, results);
    }

    /** The summary of the year's latest assessment, if the year was assessed. */
    @Transactional(readOnly = true)
    public Optional<AssessmentSummary> summary(int year) {
        return repository.findRun(year).map(run -> summary(run, repository.findResults(year)));
    }

    static final Comparator<AssessmentResult> BEST_FIRST = Comparator.comparing(AssessmentResult::cupScore).reversed()
            .thenComparingInt(AssessmentResult::position);

    /** Best first; 1 for the best, equal cup scores share a rank and the next rank skips as many places (1, 1, 3). */
    private static List<AssessmentResult> ranked(int year, List<Draft> drafts) {
        List<Draft> best = drafts.stream().sorted(Comparator.comparing(Draft::cupScore).reversed().thenComparingInt(Draft::position)).toList();
        List<AssessmentResult> results = new ArrayList<>(best.size());
        for (int i = 0; i < best.size(); i++) {
            boolean tied = i > 0 && best.get(i).cupScore().compareTo(best.get(i - 1).cupScore()) == 0;
            results.add(best.get(i).result(year, tied ? results.get(i - 1).rank() : i + 1));
        }
        return results;
    }

    static AssessmentSummary summary(AssessmentRun run, List<AssessmentResult> results) {
        List<AssessmentResult> best = results.stream().sorted(BEST_FIRST).toList();
        List<String> top = best.stream().limit(run.talks()).map(AssessmentResult::organizationId).toList();
        List<AssessmentResult> worst = new ArrayList<>(best);
        java.util.Collections.reverse(worst);
        List<String> bottom = worst.stream().map(AssessmentResult::organizationId).filter(id -> !top.contains(id))
                .limit(run.talks()).toList();
        return new AssessmentSummary(run.year(), run.organizations(), run.shareThreeStars().doubleValue(), run.target().doubleValue(),
                run.targetMet(),
                ids(best.stream().filter(r -> r.stars() == 2)),
                top, bottom,
                ids(best.stream().filter(r -> r.stars() == 5)),
                ids(best.stream().filter(r -> r.stars() == 1 || r.accountabilityItems() > 0)));
    }

    private static List<String> ids(java.util.stream.Stream<AssessmentResult> results) {
        return results.map(AssessmentResult::organizationId).toList();
    }

    private Draft draft(AssessmentRules.Run run, Organization organization, int position, List<DutyReportRow> dutyReports,
            List<ItemRow> items, Map<String, Integer> findings, BigDecimal surveyScore, SignatureRow signature) {
        Map<ScoreComponent, BigDecimal> scores = new EnumMap<>(ScoreComponent.class);

        List<Breakdown.DutyReportLine> reportLines = dutyReports.stream()
                .map(r -> new Breakdown.DutyReportLine(r.half(), Labels.half(r.half()), r.meanScore(), r.grade())).toList();
        if (!dutyReports.isEmpty()) {
            BigDecimal sum = dutyReports.stream().map(DutyReportRow::meanScore).reduce(BigDecimal.ZERO, BigDecimal::add);
            scores.put(ScoreComponent.DUTY_REPORT, sum.divide(BigDecimal.valueOf(dutyReports.size()), 2, RoundingMode.HALF_UP));
        }

        List<Breakdown.ItemLine> itemLines = new ArrayList<>();
        int deductions = 0;
        int accountabilityItems = 0;
        for (ItemRow item : items) {
            Outcome outcome = outcome(item, zone);
            int points = run.deduction(item.severity(), outcome);
            deductions += points;
            if (outcome == Outcome.ACCOUNTABILITY) {
                accountabilityItems++;
            }
            itemLines.add(new Breakdown.ItemLine(item.id(), item.source(), Labels.source(item.source()), item.title(), item.severity(),
                    Labels.severity(item.severity()), item.dueDate(), item.status(), Labels.status(item.status()),
                    item.closedAt() == null ? null : item.closedAt().atZoneSameInstant(zone).toLocalDate(), outcome.name(),
                    outcome.label(), points));
        }
        BigDecimal rectification = BigDecimal.valueOf(Math.max(0, 100 - deductions)).setScale(2);
        scores.put(ScoreComponent.RECTIFICATION, rectification);
        List<Breakdown.FindingCount> findingCounts = List.of("LOW", "MEDIUM", "HIGH").stream()
                .map(s -> new Breakdown.FindingCount(s, Labels.severity(s), findings.getOrDefault(s, 0))).toList();

        if (surveyScore != null) {
            scores.put(ScoreComponent.SURVEY, surveyScore.setScale(2, RoundingMode.HALF_UP));
        }

        Breakdown.Signature signatureLine;
        if (signature == null) {
            signatureLine = new Breakdown.Signature(false, null, null, false, "未签订", BigDecimal.ZERO.setScale(2));
        } else {
            BigDecimal score = (signature.late() ? LATE_SIGNATURE_SCORE : FULL_SCORE).setScale(2);
            signatureLine = new Breakdown.Signature(true, signature.signedAt().atZoneSameInstant(zone).toOffsetDateTime(),
                    signature.dueDate(), signature.late(), signature.late() ? "逾期签订" : "按期签订", score);
        }
        scores.put(ScoreComponent.LIST, signatureLine.score());

        BigDecimal present = scores.keySet().stream().map(run.weights()::get).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (present.signum() <= 0) {
            throw new IllegalStateException("The weights of " + scores.keySet() + " add up to " + present);
        }
        Map<ScoreComponent, BigDecimal> weights = new EnumMap<>(ScoreComponent.class);
        BigDecimal weighted = BigDecimal.ZERO;
        List<Breakdown.ComponentLine> lines = new ArrayList<>();
        for (ScoreComponent component : ScoreComponent.values()) {
            BigDecimal score = scores.get(component);
            BigDecimal configured = run.weights().get(component);
            BigDecimal used = score == null ? BigDecimal.ZERO.setScale(WEIGHT_SCALE) : configured.divide(present, WEIGHT_SCALE, RoundingMode.HALF_UP);
            weights.put(component, used);
            BigDecimal points = null;
            if (score != null) {
                weighted = weighted.add(score.multiply(configured));
                points = score.multiply(configured).divide(present, 2, RoundingMode.HALF_UP);
            }
            lines.add(new Breakdown.ComponentLine(component.name(), component.label(), score, score == null, configured, used, points));
        }
        BigDecimal cupScore = weighted.divide(present, 2, RoundingMode.HALF_UP);
        int stars = run.stars(cupScore, accountabilityItems);

        List<String> missing = java.util.Arrays.stream(ScoreComponent.values()).filter(c -> !scores.containsKey(c)).map(ScoreComponent::label).toList();
        String note = missing.isEmpty() ? null
                : "本年度无" + String.join("、", missing) + "得分，其权重按比例分配给其余各项";
        Breakdown breakdown = new Breakdown(lines, note, reportLines,
                new Breakdown.Rectification(rectification, deductions, accountabilityItems, itemLines, findingCounts),
                scores.get(ScoreComponent.SURVEY), signatureLine);
        return new Draft(organization, position, Components.of(scores::get), Components.of(weights::get), cupScore, stars,
                accountabilityItems, breakdown);
    }

    /**
     * Accountability wins whatever the item's end (its status, or an ACCOUNTABILITY line in its history: a decision
     * may have given a new deadline and the item closed later); a closed item is on time when it closed on or before its
     * due date in the city's time zone; anything else not cancelled is still open.
     */
    static Outcome outcome(ItemRow item, ZoneId zone) {
        if ("ACCOUNTABILITY".equals(item.status()) || item.accountabilityEvent()) {
            return Outcome.ACCOUNTABILITY;
        }
        if ("CLOSED".equals(item.status())) {
            boolean onTime = item.closedAt() != null
                    && !item.closedAt().atZoneSameInstant(zone).toLocalDate().isAfter(item.dueDate());
            return onTime ? Outcome.ON_TIME : Outcome.LATE;
        }
        return Outcome.OPEN;
    }

    private record Draft(Organization organization, int position, Components scores, Components weights, BigDecimal cupScore,
            int stars, int accountabilityItems, Breakdown breakdown) {

        AssessmentResult result(int year, int rank) {
            return new AssessmentResult(year, organization.id(), organization.name(), organization.secretaryName(), position, scores,
                    weights, cupScore, stars, rank, accountabilityItems, breakdown);
        }
    }
}
