package org.partybuilding.inspection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.partybuilding.rectification.Severity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The quarter's bulletin (督查通报) as a Word document laid out after GB/T 9704-2012 (党政机关公文格式): A4 with the
 * standard margins, the issuing authority's red mark and the red separator line, the document number, the title in
 * 小标宋, the body in 仿宋 3号 (16 pt) on a fixed 28 pt line with two characters' indent, headings 一、 in 黑体 and
 * （一） in 楷体, the signature and date, page numbers "— 1 —". Ready to print; fonts fall back where not installed.
 */
@Component
class BulletinDocument {

    static final String SONG_TITLE = "方正小标宋简体";
    static final String FANGSONG = "仿宋_GB2312";
    static final String HEITI = "黑体";
    static final String KAITI = "楷体_GB2312";
    private static final String RED = "FF0000";
    private static final String[] CHINESE_NUMBERS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
        "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"};

    private final String issuer;
    private final String recipients;

    BulletinDocument(@Value("${app.inspection.issuer:中共青禾市委组织部}") String issuer,
            @Value("${app.inspection.bulletin-recipients:各镇（街道）党（工）委，市直各行业党（工）委：}") String recipients) {
        this.issuer = issuer;
        this.recipients = recipients;
    }

    /** What the bulletin reports. */
    record Content(int year, int quarter, String theme, String documentNumber, String remarks, LocalDate date, int inspectedCount,
            List<Inspected> inspected, List<FindingRow> findings) {

        String title() {
            return "关于" + year + "年" + Quarters.label(quarter) + "基层党建专项督查情况的通报";
        }
    }

    record Inspected(String organizationId, String name, String town, String domain) {
    }

    record FindingRow(String organizationId, String organizationName, String itemCode, String description, Severity severity,
            LocalDate dueDate, String itemStatus) {
    }

    byte[] write(Content content) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page(document);
            header(document, content);
            paragraph(document, ParagraphAlignment.CENTER, 0, SONG_TITLE, 22, false).setText(content.title());
            blank(document);
            paragraph(document, ParagraphAlignment.LEFT, 0, FANGSONG, 16, false).setText(recipients);
            body(document, "为推动“1248”党建工作责任制落地落实，市委组织部于" + content.year() + "年" + Quarters.label(content.quarter())
                    + "组织开展了以“" + content.theme() + "”为主题的专项督查。现将有关情况通报如下：");
            overview(document, content);
            problems(document, content);
            rectification(document, content);
            heading(document, "四、下一步工作要求");
            String remarks = content.remarks() == null || content.remarks().isBlank()
                    ? "各镇（街道）党（工）委、市直各行业党（工）委要切实扛起管党治党主体责任，督促有关党组织对照问题清单逐项整改、按期销号，举一反三、建章立制。"
                            + "市委组织部将适时开展“回头看”，对整改不力、问题反弹的，严肃追责问责。"
                    : content.remarks();
            for (String line : remarks.split("\\R")) {
                if (!line.isBlank()) {
                    body(document, line.strip());
                }
            }
            blank(document);
            blank(document);
            signature(document, issuer);
            signature(document, chineseDate(content.date()));
            footer(document);
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void page(XWPFDocument document) {
        CTSectPr section = document.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(11906)); // A4: 210 mm
        size.setH(BigInteger.valueOf(16838)); // 297 mm
        CTPageMar margins = section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(twips(37)));
        margins.setBottom(BigInteger.valueOf(twips(35)));
        margins.setLeft(BigInteger.valueOf(twips(28)));
        margins.setRight(BigInteger.valueOf(twips(26)));
        margins.setHeader(BigInteger.valueOf(twips(15)));
        margins.setFooter(BigInteger.valueOf(twips(28)));
    }

    private static long twips(double millimetres) {
        return Math.round(millimetres * 1440 / 25.4);
    }

    private void header(XWPFDocument document, Content content) {
        XWPFRun mark = paragraph(document, ParagraphAlignment.CENTER, 0, SONG_TITLE, 36, false);
        mark.setColor(RED);
        mark.setText(issuer);
        blank(document);
        XWPFParagraph number = document.createParagraph();
        number.setAlignment(ParagraphAlignment.CENTER);
        number.setBorderBottom(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
        number.getCTP().getPPr().getPBdr().getBottom().setColor(RED);
        number.getCTP().getPPr().getPBdr().getBottom().setSz(BigInteger.valueOf(12));
        number.getCTP().getPPr().getPBdr().getBottom().setVal(STBorder.SINGLE);
        number.setSpacingAfter(400);
        XWPFRun run = number.createRun();
        font(run, FANGSONG, 16, false);
        run.setText(content.documentNumber() == null ? "" : content.documentNumber());
        blank(document);
    }

    private void overview(XWPFDocument document, Content content) {
        heading(document, "一、督查基本情况");
        Map<String, int[]> byTown = new LinkedHashMap<>();
        Map<String, int[]> byDomain = new LinkedHashMap<>();
        Map<String, Inspected> inspected = new LinkedHashMap<>();
        for (Inspected organization : content.inspected()) {
            inspected.put(organization.organizationId(), organization);
            byTown.computeIfAbsent(organization.town(), t -> new int[4])[0]++;
            byDomain.computeIfAbsent(organization.domain(), d -> new int[4])[0]++;
        }
        for (FindingRow finding : content.findings()) {
            Inspected organization = inspected.get(finding.organizationId());
            for (int[] counts : List.of(byTown.get(organization.town()), byDomain.get(organization.domain()))) {
                counts[1]++;
                counts[2] += finding.severity() == Severity.HIGH ? 1 : 0;
                counts[3] += "CLOSED".equals(finding.itemStatus()) ? 1 : 0;
            }
        }
        long high = content.findings().stream().filter(f -> f.severity() == Severity.HIGH).count();
        long medium = content.findings().stream().filter(f -> f.severity() == Severity.MEDIUM).count();
        long low = content.findings().stream().filter(f -> f.severity() == Severity.LOW).count();
        body(document, "本次督查共督查基层党组织" + content.inspectedCount() + "个，覆盖" + byTown.size() + "个镇街（系统）、" + byDomain.size()
                + "个领域，发现问题" + content.findings().size() + "条，其中严重问题" + high + "条、较重问题" + medium + "条、一般问题" + low
                + "条。分镇街（系统）、分领域情况见下表。");
        table(document, "镇街（系统）", byTown);
        blank(document);
        table(document, "领域", byDomain);
    }

    private void problems(XWPFDocument document, Content content) {
        heading(document, "二、发现的主要问题");
        if (content.findings().isEmpty()) {
            body(document, "本次督查未发现问题。");
            return;
        }
        Map<String, List<FindingRow>> byTown = new LinkedHashMap<>();
        Map<String, String> towns = new LinkedHashMap<>();
        content.inspected().forEach(i -> towns.put(i.organizationId(), i.town()));
        for (FindingRow finding : content.findings()) {
            byTown.computeIfAbsent(towns.get(finding.organizationId()), t -> new java.util.ArrayList<>()).add(finding);
        }
        int section = 0;
        for (Map.Entry<String, List<FindingRow>> town : byTown.entrySet()) {
            XWPFRun run = paragraph(document, ParagraphAlignment.BOTH, 640, KAITI, 16, false);
            run.setText("（" + CHINESE_NUMBERS[Math.min(section++, CHINESE_NUMBERS.length - 1)] + "）" + town.getKey());
            int n = 1;
            for (FindingRow finding : town.getValue()) {
                body(document, n++ + ". " + finding.organizationName() + "：" + finding.description() + "（检查项 " + finding.itemCode()
                        + "，" + finding.severity().label() + "，整改期限" + chineseDate(finding.dueDate()) + "）");
            }
        }
    }

    private void rectification(XWPFDocument document, Content content) {
        heading(document, "三、整改落实情况");
        long closed = content.findings().stream().filter(f -> "CLOSED".equals(f.itemStatus())).count();
        long overdue = content.findings().stream().filter(f -> "OVERDUE".equals(f.itemStatus()) || "ACCOUNTABILITY".equals(f.itemStatus())).count();
        long open = content.findings().size() - closed - overdue;
        body(document, content.findings().isEmpty() ? "本次督查未发现问题，无需整改。"
                : "督查发现的问题已全部交办整改。截至" + chineseDate(content.date()) + "，已整改销号" + closed + "条，正在整改" + open
                        + "条，逾期未完成" + overdue + "条。逾期问题已按规定逐级督办。");
    }

    private void table(XWPFDocument document, String dimension, Map<String, int[]> counts) {
        XWPFTable table = document.createTable(counts.size() + 2, 5);
        table.setTableAlignment(TableRowAlign.CENTER);
        table.setWidth("100%");
        String[] head = {dimension, "督查党组织（个）", "发现问题（条）", "其中严重（条）", "已销号（条）"};
        for (int c = 0; c < head.length; c++) {
            cell(table.getRow(0).getCell(c), head[c], true);
        }
        int row = 1;
        int[] total = new int[4];
        for (Map.Entry<String, int[]> entry : counts.entrySet()) {
            cell(table.getRow(row).getCell(0), entry.getKey(), false);
            for (int c = 0; c < 4; c++) {
                cell(table.getRow(row).getCell(c + 1), String.valueOf(entry.getValue()[c]), false);
                total[c] += entry.getValue()[c];
            }
            row++;
        }
        cell(table.getRow(row).getCell(0), "合计", true);
        for (int c = 0; c < 4; c++) {
            cell(table.getRow(row).getCell(c + 1), String.valueOf(total[c]), true);
        }
    }

    private static void cell(XWPFTableCell cell, String text, boolean bold) {
        XWPFParagraph paragraph = cell.getParagraphs().get(0);
        paragraph.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = paragraph.createRun();
        font(run, bold ? HEITI : FANGSONG, 12, false);
        run.setText(text);
    }

    private static void heading(XWPFDocument document, String text) {
        paragraph(document, ParagraphAlignment.BOTH, 640, HEITI, 16, false).setText(text);
    }

    private static void body(XWPFDocument document, String text) {
        paragraph(document, ParagraphAlignment.BOTH, 640, FANGSONG, 16, false).setText(text);
    }

    private static void signature(XWPFDocument document, String text) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setAlignment(ParagraphAlignment.RIGHT);
        paragraph.setIndentationRight(1280); // 右空四字
        paragraph.setSpacingBetween(28, LineSpacingRule.EXACT);
        XWPFRun run = paragraph.createRun();
        font(run, FANGSONG, 16, false);
        run.setText(text);
    }

    private static void blank(XWPFDocument document) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setSpacingBetween(28, LineSpacingRule.EXACT);
    }

    private static XWPFRun paragraph(XWPFDocument document, ParagraphAlignment alignment, int firstLineIndent, String font, int size,
            boolean bold) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setAlignment(alignment);
        if (firstLineIndent > 0) {
            paragraph.setIndentationFirstLine(firstLineIndent);
        }
        paragraph.setSpacingBetween(size > 16 ? size + 12 : 28, LineSpacingRule.EXACT);
        XWPFRun run = paragraph.createRun();
        font(run, font, size, bold);
        return run;
    }

    private static void font(XWPFRun run, String font, int size, boolean bold) {
        run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
        run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
        run.setFontSize(size);
        run.setBold(bold);
    }

    /** Page numbers "— 1 —" in 宋体 4号 (14 pt), centred. */
    private static void footer(XWPFDocument document) {
        XWPFFooter footer = document.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph paragraph = footer.createParagraph();
        paragraph.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = paragraph.createRun();
        font(run, "宋体", 14, false);
        run.setText("— ");
        run = paragraph.createRun();
        font(run, "宋体", 14, false);
        run.getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
        run = paragraph.createRun();
        font(run, "宋体", 14, false);
        run.getCTR().addNewInstrText().setStringValue("PAGE");
        run = paragraph.createRun();
        font(run, "宋体", 14, false);
        run.getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
        run = paragraph.createRun();
        font(run, "宋体", 14, false);
        run.setText(" —");
    }

    /** 2026年11月26日 (GB/T 9704-2012 writes the date in Arabic numerals). */
    static String chineseDate(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }
}
