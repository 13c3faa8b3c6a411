package org.partybuilding.rectification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Recognises an evidence file by its content (magic bytes and, for Office files, their inner structure), never by its
 * name or the type the browser claims: a renamed program, a web page or an SVG with a script is none of the accepted
 * kinds. Office files with macros are refused too. Nothing is decompressed: a ZIP's entry names are enough.
 */
final class EvidenceSniffer {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] ZIP = {'P', 'K', 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** A Word or Excel file has a few dozen parts; a ZIP with more is not one we accept. */
    private static final int MAX_ZIP_ENTRIES = 10_000;

    private EvidenceSniffer() {
    }

    /** The kind of file, or else the reason (Chinese, without the file name) why it is not accepted. */
    record Result(EvidenceType type, String refusal) {
    }

    private static Result accepted(EvidenceType type) {
        return new Result(type, null);
    }

    private static Result refused(String reason) {
        return new Result(null, reason);
    }

    static Result detect(byte[] content) {
        if (content.length == 0) {
            return refused("文件为空");
        }
        if (startsWith(content, JPEG)) {
            return accepted(EvidenceType.JPEG);
        }
        if (startsWith(content, PNG)) {
            return accepted(EvidenceType.PNG);
        }
        if (startsWith(content, PDF)) {
            return accepted(EvidenceType.PDF);
        }
        if (startsWith(content, ZIP)) {
            return office(content);
        }
        if (startsWith(content, OLE2)) {
            return legacyOffice(content);
        }
        if (startsWith(content, new byte[] {'M', 'Z'})) {
            return refused("这是可执行程序，不能作为佐证材料");
        }
        return refused("不是照片（JPG、PNG）、PDF、Word 或 Excel 文件");
    }

    /**
     * A .docx or .xlsx: a ZIP with {@code [Content_Types].xml} and the main part of its kind, without macros. Only the
     * ZIP's central directory (its list of names) is read, nothing is inflated: a ZIP bomb costs no more than its size,
     * and a ZIP cut short (no central directory) is refused as damaged.
     */
    private static Result office(byte[] content) {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
            for (var entries = zip.getEntries(); entries.hasMoreElements(); ) {
                names.add(entries.nextElement().getName().toLowerCase(Locale.ROOT));
                if (names.size() > MAX_ZIP_ENTRIES) {
                    return refused("压缩包内文件过多，不是 Word 或 Excel 文件");
                }
            }
        } catch (IOException | RuntimeException e) {
            return refused("文件已损坏，无法识别为 Word 或 Excel 文件");
        }
        if (!names.contains("[content_types].xml")) {
            return refused("这是压缩包，不是 Word 或 Excel 文件，请解压后分别上传");
        }
        if (names.stream().anyMatch(n -> n.endsWith("vbaproject.bin"))) {
            return refused("文件含有宏，请另存为不含宏的 .docx 或 .xlsx 后上传");
        }
        if (names.contains("word/document.xml")) {
            return accepted(EvidenceType.DOCX);
        }
        if (names.contains("xl/workbook.xml")) {
            return accepted(EvidenceType.XLSX);
        }
        return refused("这是 Office 文件，但不是 Word 或 Excel 文档（如演示文稿），请另存为 PDF 后上传");
    }

    /** A Word 97-2003 or Excel 97-2003 file, recognised by its streams, without macros. */
    private static Result legacyOffice(byte[] content) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry("Macros") || root.hasEntry("_VBA_PROJECT_CUR")) {
                return refused("文件含有宏，请另存为不含宏的 .docx 或 .xlsx 后上传");
            }
            if (root.hasEntry("WordDocument")) {
                return accepted(EvidenceType.DOC);
            }
            if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
                return accepted(EvidenceType.XLS);
            }
            return refused("不是 Word 或 Excel 文件");
        } catch (IOException | RuntimeException e) {
            return refused("文件已损坏，无法识别为 Word 或 Excel 文件");
        }
    }

    /**
     * The name a file is kept and downloaded under: without any folder, control or bidirectional-override characters,
     * at most 200 characters, ending in an extension of its real kind (one is added when the name's does not match); without a kind
     * (a refused file), just the cleaned name, to show in the refusal.
     */
    static String fileName(String original, EvidenceType type) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\\p{Cf}\"]", "").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            name = "佐证材料";
        }
        if (type == null) {
            return name.length() > 200 ? name.substring(0, 200) : name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String suffix = type.extensions().contains(extension) ? "" : "." + type.extensions().get(0);
        int max = 200 - suffix.length();
        if (name.length() > max) {
            name = suffix.isEmpty() ? name.substring(0, max - extension.length() - 1) + "." + extension : name.substring(0, max);
        }
        return name + suffix;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
