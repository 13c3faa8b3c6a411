package org.partybuilding.rectification;

import java.util.List;

/** The kinds of evidence file accepted (佐证材料): what the content is, with the content type it is served with. */
public enum EvidenceType {
    JPEG("照片（JPEG）", "image/jpeg", List.of("jpg", "jpeg")),
    PNG("图片（PNG）", "image/png", List.of("png")),
    PDF("PDF 文档", "application/pdf", List.of("pdf")),
    DOCX("Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx")),
    XLSX("Excel 表格", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx")),
    DOC("Word 97-2003 文档", "application/msword", List.of("doc")),
    XLS("Excel 97-2003 表格", "application/vnd.ms-excel", List.of("xls"));

    private final String label;
    private final String contentType;
    private final List<String> extensions;

    EvidenceType(String label, String contentType, List<String> extensions) {
        this.label = label;
        this.contentType = contentType;
        this.extensions = extensions;
    }

    public String label() {
        return label;
    }

    public String contentType() {
        return contentType;
    }

    /** The file extensions that name this kind; the first is the one added to a name that has none of them. */
    List<String> extensions() {
        return extensions;
    }
}
