package org.partybuilding.rectification;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.system.SpreadsheetExport;
import org.partybuilding.system.SpreadsheetExport.Column;
import org.partybuilding.workflow.Deadlines;
import org.springframework.stereotype.Component;

/**
 * The ledger as a download ({@code GET /api/rectifications/export.xlsx} and {@code .csv}): the rows of the list, with
 * Chinese headers and labels. The workbook has the sheet 全部 and, when the rows span more than one town, one sheet per
 * town in directory order (items of the city itself, which has no town, are on 全部 only).
 */
@Component
class LedgerExport {

    static final String ALL_SHEET = "全部";

    private final ZoneId zone;
    private final DirectoryService directory;
    private final List<Column<RectificationListItem>> columns;

    LedgerExport(Deadlines deadlines, DirectoryService directory) {
        this.zone = deadlines.zone();
        this.directory = directory;
        this.columns = List.of(
                new Column<>("编号", 8, r -> r.item().id()),
                new Column<>("组织", 30, RectificationListItem::organizationName),
                new Column<>("组织代码", 20, r -> r.item().organizationId()),
                new Column<>("所属镇街", 16, RectificationListItem::townName),
                new Column<>("来源", 12, r -> r.item().source().label()),
                new Column<>("来源编号", 14, r -> r.item().sourceRef()),
                new Column<>("标题", 40, r -> r.item().title()),
                new Column<>("问题描述", 50, r -> r.item().description()),
                new Column<>("严重程度", 10, r -> r.item().severity().label()),
                new Column<>("整改期限", 12, r -> r.item().dueDate()),
                new Column<>("状态", 10, r -> r.item().status().label()),
                new Column<>("退回次数", 10, r -> r.item().rejections()),
                new Column<>("发起时间", 18, r -> cityTime(r.createdAt())),
                new Column<>("销号（撤销）时间", 18, r -> cityTime(r.closedAt())));
    }

    void xlsx(List<RectificationListItem> rows, OutputStream out) throws IOException {
        List<String> directoryOrder = directory.organizations().stream().map(Organization::id).toList();
        SpreadsheetExport.writeXlsx(out, columns, SpreadsheetExport.allAndByGroup(ALL_SHEET, rows, RectificationListItem::townId,
                RectificationListItem::townName, directoryOrder));
    }

    void csv(List<RectificationListItem> rows, OutputStream out) throws IOException {
        SpreadsheetExport.writeCsv(out, columns, rows);
    }

    /** 整改台账-2026-11-26.xlsx, and rectification-ledger-2026-11-26.xlsx for clients without RFC 5987. */
    String contentDisposition(LocalDate today, String extension) {
        return SpreadsheetExport.attachment("整改台账-" + today + "." + extension, "rectification-ledger-" + today + "." + extension);
    }

    private LocalDateTime cityTime(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(zone).toLocalDateTime();
    }
}
