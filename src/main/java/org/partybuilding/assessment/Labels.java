package org.partybuilding.assessment;

import java.util.Map;

/**
 * Chinese labels of the codes the assessment reads from other capabilities' tables. They repeat the labels of
 * {@code rectification.Severity}, {@code Source}, {@code Status} and {@code dutyreport.Half}: the assessment reads
 * those tables but does not depend on those modules (nothing of theirs is offered to it).
 */
final class Labels {

    private static final Map<String, String> SEVERITY = Map.of("LOW", "一般", "MEDIUM", "较重", "HIGH", "严重");
    private static final Map<String, String> SOURCE = Map.of("INSPECTION", "专项督查", "DUTY_REVIEW", "述职评议",
            "SURVEY", "满意度测评", "ASSESSMENT", "考核评价", "OTHER", "其他");
    private static final Map<String, String> STATUS = Map.of("OPEN", "待整改", "SUBMITTED", "待核验", "REJECTED", "已退回",
            "OVERDUE", "已逾期", "ACCOUNTABILITY", "追责中", "CLOSED", "已销号", "CANCELLED", "已撤销");
    private static final Map<String, String> HALF = Map.of("MID_YEAR", "年中", "YEAR_END", "年末");

    private Labels() {
    }

    static String severity(String code) {
        return SEVERITY.getOrDefault(code, code);
    }

    static String source(String code) {
        return SOURCE.getOrDefault(code, code);
    }

    static String status(String code) {
        return STATUS.getOrDefault(code, code);
    }

    static String half(String code) {
        return HALF.getOrDefault(code, code);
    }
}
