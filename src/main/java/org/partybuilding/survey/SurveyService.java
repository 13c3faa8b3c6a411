package org.partybuilding.survey;

import java.io.InputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.rectification.Status;
import org.partybuilding.system.ApiException;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.WorkingDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the third-party evaluator's file for a year (all of it or, with any problem, nothing) and opens one
 * rectification item for each organization below the threshold, in the same transaction.
 */
@Service
class SurveyService {

    static final int FIRST_YEAR = 2000;
    /** Below this an item is {@link Severity#HIGH}. */
    static final BigDecimal HIGH_SEVERITY_BELOW = BigDecimal.valueOf(60);

    private static final java.time.format.DateTimeFormatter UPLOADED_AT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final Logger log = LoggerFactory.getLogger(SurveyService.class);

    private final SurveyRepository repository;
    private final DirectoryService directory;
    private final RectificationService rectifications;
    private final WorkingDays workingDays;
    private final Deadlines deadlines;
    private final SurveyProperties properties;

    SurveyService(SurveyRepository repository, DirectoryService directory, RectificationService rectifications,
            WorkingDays workingDays, Deadlines deadlines, SurveyProperties properties) {
        this.repository = repository;
        this.directory = directory;
        this.rectifications = rectifications;
        this.workingDays = workingDays;
        this.deadlines = deadlines;
        this.properties = properties;
    }

    /**
     * Checks the whole file, then stores it as the year's results. The same file again changes nothing; a corrected
     * file replaces the results but opens no second item for an organization that has one for the year.
     *
     * @throws ApiException 403 for anyone but the organization department; 400 with every problem by row
     */
    @Transactional
    public SurveyImport importFile(int year, String fileName, InputStream content, ApiUser user) {
        if (!user.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以导入满意度测评结果");
        }
        checkYear(year);
        byte[] bytes = SurveyFileReader.bytes(content, properties.maxFileSize().toBytes());
        SurveyTable table = SurveyFileReader.read(bytes);
        SurveyValidator.Checked checked = new SurveyValidator(directory.organizations()).validate(table);
        List<SurveyEntry> entries = checked.entries();
        String sha256 = sha256(bytes);

        repository.lockYear(year);
        var current = repository.currentUpload(year);
        if (current.isPresent() && current.get().sha256().equals(sha256)) {
            int below = (int) entries.stream().filter(e -> isBelow(e.overallScore(), current.get().threshold())).count();
            String at = current.get().uploadedAt().atZoneSameInstant(deadlines.zone()).format(UPLOADED_AT);
            return new SurveyImport(year, current.get().id(), false, "同一文件已于 " + at + " 由 " + current.get().uploadedBy()
                    + " 导入为" + year + "年度测评结果，未重复导入",
                    current.get().rows(), below, 0, below);
        }
        long uploadId = repository.insertUpload(year, sha256, fileName, table.format(), checked.itemNames(), properties.threshold(),
                entries.size(), user.userId(), deadlines.now());

        Map<String, Long> items = new LinkedHashMap<>(repository.rectifications(year));
        List<SurveyEntry> below = entries.stream().filter(e -> isBelow(e.overallScore(), properties.threshold())).toList();
        List<SurveyEntry> toOpen = below.stream().filter(e -> !items.containsKey(e.organization().id())).toList();
        Map<String, Long> opened = new LinkedHashMap<>();
        if (!toOpen.isEmpty()) {
            LocalDate due = workingDays.plus(deadlines.today(), properties.rectificationWorkingDays());
            List<NewRectification> requests = toOpen.stream().map(e -> rectification(year, e, due)).toList();
            List<RectificationItem> created = rectifications.openAll(requests, user.userId());
            for (int i = 0; i < toOpen.size(); i++) {
                opened.put(toOpen.get(i).organization().id(), created.get(i).id());
            }
            repository.insertRectifications(year, uploadId, opened);
            items.putAll(opened);
        }
        repository.replaceResults(year, uploadId, entries, items);
        int alreadyHad = below.size() - toOpen.size();
        log.info("Survey {} imported by {} ({}, {}): {} organizations, {} below {}, {} items opened, {} already had one",
                year, user.userId(), fileName, table.format(), entries.size(), below.size(), properties.threshold(), opened.size(),
                alreadyHad);
        String message = (current.isPresent() ? "已用更正后的文件替换" + year + "年度测评结果" : "已导入" + year + "年度测评结果")
                + "：共 " + entries.size() + " 个组织，" + below.size() + " 个低于 " + properties.threshold().stripTrailingZeros().toPlainString()
                + " 分，新开整改事项 " + opened.size() + " 项" + (alreadyHad > 0 ? "，" + alreadyHad + " 个组织本年度已有测评整改事项，未重复开具" : "");
        return new SurveyImport(year, uploadId, true, message, entries.size(), below.size(), opened.size(), alreadyHad);
    }

    /**
     * The year's results the caller may see (the organization department and inspectors: all; others: the
     * organizations the directory lets them see).
     *
     * @throws ApiException 404 when the year has no survey
     */
    @Transactional(readOnly = true)
    public SurveyView view(int year, ApiUser user) {
        SurveyUpload upload = repository.currentUpload(year)
                .orElseThrow(() -> ApiException.notFound(year + "年度尚未导入满意度测评结果"));
        List<SurveyView.Result> results = new ArrayList<>();
        for (SurveyRepository.ResultRow row : repository.results(year, directory.visibleOrganizationIds(user))) {
            Map<String, BigDecimal> scores = new LinkedHashMap<>();
            upload.itemNames().stream().filter(row.itemScores()::containsKey).forEach(name -> scores.put(name, row.itemScores().get(name)));
            SurveyView.Rectification item = row.rectificationItemId() == null ? null : new SurveyView.Rectification(
                    row.rectificationItemId(), row.rectificationStatus(), Status.valueOf(row.rectificationStatus()).label());
            results.add(new SurveyView.Result(row.organizationId(), row.organizationName(), row.overallScore(),
                    isBelow(row.overallScore(), upload.threshold()), scores, row.comment(), item));
        }
        return new SurveyView(year, upload, results);
    }

    Map<String, BigDecimal> overallScores(int year) {
        return repository.overallScores(year);
    }

    private NewRectification rectification(int year, SurveyEntry entry, LocalDate due) {
        String score = entry.overallScore().toPlainString();
        StringBuilder description = new StringBuilder(year + "年度基层党建满意度第三方测评，总体得分 " + score + " 分，低于 "
                + properties.threshold().stripTrailingZeros().toPlainString() + " 分。");
        if (!entry.itemScores().isEmpty()) {
            description.append("\n分项得分：").append(entry.itemScores().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().toPlainString() + " 分").collect(Collectors.joining("，")));
        }
        if (entry.comment() != null) {
            description.append("\n评语：").append(entry.comment());
        }
        description.append("\n请对照群众反映的问题制定整改措施并提交佐证材料。");
        Severity severity = entry.overallScore().compareTo(HIGH_SEVERITY_BELOW) < 0 ? Severity.HIGH : Severity.MEDIUM;
        return new NewRectification(entry.organization().id(), Source.SURVEY, year + "年度测评",
                "满意度测评得分偏低（" + score + " 分）", description.toString(), severity, due, null);
    }

    private void checkYear(int year) {
        int thisYear = deadlines.today().getYear();
        if (year < FIRST_YEAR || year > thisYear) {
            throw ApiException.badField("year", "测评年度 " + year + " 无效，应在 " + FIRST_YEAR + " 年到 " + thisYear + " 年之间");
        }
    }

    private static boolean isBelow(BigDecimal score, BigDecimal threshold) {
        return score.compareTo(threshold) < 0;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
