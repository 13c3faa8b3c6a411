package org.partybuilding.assessment;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.partybuilding.assessment.AssessmentRepository.ResultInTown;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.system.SpreadsheetExport;
import org.partybuilding.system.SpreadsheetExport.Column;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The year's report cards as a download ({@code GET /api/report-cards/{year}/export.xlsx} and {@code .csv}), in rank
 * order: every component of the breakdown (score, weight used, points), the cup score, stars, the rectification
 * deductions and the list signature. The workbook has the sheet 全部 and, when the cards span more than one town, one
 * sheet per town in directory order.
 */
@Component
class ReportCardExport {

    static final String ALL_SHEET = "全部";

    private final ZoneId zone;
    private final DirectoryService directory;
    private final List<Column<ResultInTown>> columns;

    ReportCardExport(@Value("${app.time-zone}") String zone, DirectoryService directory) {
        this.zone = ZoneId.of(zone);
        this.directory = directory;
        List<Column<ResultInTown>> list = new ArrayList<>(List.of(
                column("排名", 6, AssessmentResult::rank),
                column("组织", 30, AssessmentResult::organizationName),
                column("组织代码", 20, AssessmentResult::organizationId),
                new Column<>("所属镇街", 16, ResultInTown::townName),
                column("书记", 10, AssessmentResult::secretaryName)));
        for (ScoreComponent component : ScoreComponent.values()) {
            list.add(column(component.label() + "得分", 12, r -> r.scores().get(component)));
            list.add(new Column<>(component.label() + "权重", 12, "0.00%", r -> r.result().weights().get(component)));
            list.add(column(component.label() + "折合分", 12, r -> line(r, component) == null ? null : line(r, component).points()));
        }
        list.addAll(List.of(
                column("党的建设杯得分", 14, AssessmentResult::cupScore),
                column("星级", 6, AssessmentResult::stars),
                column("整改事项", 10, r -> r.breakdown().rectification() == null ? null : r.breakdown().rectification().items().size()),
                column("整改扣分", 10, r -> r.breakdown().rectification() == null ? null : r.breakdown().rectification().deductions()),
                column("追责事项", 10, AssessmentResult::accountabilityItems),
                column("督查发现问题", 12, r -> r.breakdown().rectification() == null ? null
                        : r.breakdown().rectification().inspectionFindings().stream().mapToInt(Breakdown.FindingCount::count).sum()),
                column("责任清单签订情况", 14, r -> r.breakdown().signature() == null ? null : r.breakdown().signature().label()),
                column("签订时间", 18, r -> r.breakdown().signature() == null ? null : cityTime(r.breakdown().signature().signedAt())),
                column("权重说明", 50, r -> r.breakdown().weightNote())));
        this.columns = List.copyOf(list);
    }

    void xlsx(List<ResultInTown> rows, OutputStream out) throws IOException {
        List<String> directoryOrder = directory.organizations().stream().map(Organization::id).toList();
        SpreadsheetExport.writeXlsx(out, columns, SpreadsheetExport.allAndByGroup(ALL_SHEET, rows, ResultInTown::townId,
                ResultInTown::townName, directoryOrder));
    }

    void csv(List<ResultInTown> rows, OutputStream out) throws IOException {
        SpreadsheetExport.writeCsv(out, columns, rows);
    }

    /** 2026年度成绩单.xlsx, and report-cards-2026.xlsx for clients without RFC 5987. */
    String contentDisposition(int year, String extension) {
        return SpreadsheetExport.attachment(year + "年度成绩单." + extension, "report-cards-" + year + "." + extension);
    }

    private static Column<ResultInTown> column(String header, int width, Function<AssessmentResult, Object> value) {
        return new Column<>(header, width, r -> value.apply(r.result()));
    }

    private static Breakdown.ComponentLine line(AssessmentResult result, ScoreComponent component) {
        if (result.breakdown().components() == null) {
            return null;
        }
        return result.breakdown().components().stream().filter(c -> component.name().equals(c.component())).findFirst().orElse(null);
    }

    private LocalDateTime cityTime(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(zone).toLocalDateTime();
    }
}
