package org.partybuilding.survey;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.springframework.http.HttpStatus;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads an evaluator's file into rows of text, recognising the format by its content, never by its name: an .xlsx
 * workbook (a ZIP that opens as one), or a CSV in UTF-8 (with or without BOM) or GBK, which is what Excel on a Chinese
 * Windows writes. Legacy .xls and other binary files are refused.
 */
final class SurveyFileReader {

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Rows beyond this are not read: a city has a few thousand organizations. */
    static final int MAX_ROWS = 100_000;
    /** Cells beyond this column are refused: an .xlsx cell at column XFD costs the file nothing. */
    static final int MAX_COLUMNS = 200;
    /** The largest part of an .xlsx inflated (a sheet of {@link #MAX_ROWS} rows is about 50 MB). */
    static final long MAX_XLSX_PART_BYTES = 64L * 1024 * 1024;

    static {
        // POI's ZIP guard, JVM-wide: no other code reads workbooks. The inflate ratio stays at POI's 1:100.
        ZipSecureFile.setMaxEntrySize(MAX_XLSX_PART_BYTES);
    }

    private SurveyFileReader() {
    }

    /**
     * Reads at most {@code maxBytes} of the upload and returns them; a larger file is refused before anything else.
     *
     * @throws ApiException 400 naming the field {@code file}
     */
    static byte[] bytes(InputStream content, long maxBytes) {
        try {
            byte[] bytes = content.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw refused("测评文件超过 " + sizeText(maxBytes) + " 的上限，请检查是否选错了文件");
            }
            return bytes;
        } catch (IOException e) {
            throw refused("无法读取上传的文件");
        }
    }

    /**
     * The file's rows of text.
     *
     * @throws ApiException 400 naming the field {@code file}: empty, not CSV or .xlsx, undecodable, malformed
     */
    static SurveyTable read(byte[] content) {
        if (content.length == 0) {
            throw refused("上传的测评文件为空");
        }
        if (startsWith(content, OLE2)) {
            throw refused("这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再上传");
        }
        if (startsWith(content, ZIP)) {
            return readXlsx(content);
        }
        if (startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xFE}) || startsWith(content, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            throw refused("不支持 UTF-16（Unicode 文本）编码，请另存为 CSV（UTF-8 或 GBK 编码）或 .xlsx");
        }
        if (isBinary(content)) {
            throw refused("文件不是 CSV 或 Excel（.xlsx）文件，请另存为 .xlsx 或 CSV");
        }
        return readCsv(content);
    }

    private static SurveyTable readCsv(byte[] content) {
        String format;
        String text;
        if (startsWith(content, UTF8_BOM)) {
            text = decode(Arrays.copyOfRange(content, UTF8_BOM.length, content.length), StandardCharsets.UTF_8);
            format = "CSV (UTF-8)";
        } else {
            text = decode(content, StandardCharsets.UTF_8);
            format = "CSV (UTF-8)";
            if (text == null) {
                // Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK; GB18030 reads every GBK file and more
                text = decode(content, GB18030);
                format = "CSV (GBK)";
            }
        }
        if (text == null) {
            throw refused("无法识别文件编码：CSV 文件须为 UTF-8 或 GBK 编码");
        }
        List<List<String>> records = new ArrayList<>();
        // empty lines are kept (and skipped below) so that row numbers stay those Excel shows
        CSVFormat csv = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), csv)) {
            for (CSVRecord record : parser) {
                if (records.size() > MAX_ROWS) {
                    throw refused("文件超过 " + MAX_ROWS + " 行");
                }
                if (record.size() > MAX_COLUMNS) {
                    throw refused("第 " + (records.size() + 1) + " 行超过 " + MAX_COLUMNS + " 列");
                }
                records.add(record.toList());
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            // Commons CSV's message is English and technical: the evaluator needs the likely cause
            throw refused("CSV 格式错误：第 " + (records.size() + 1) + " 行附近有未配对的英文双引号，请在 Excel 中打开后重新另存为 CSV");
        }
        return table(format, records);
    }

    /**
     * The first sheet, read as a stream (SAX) from a temporary file, so that only the parts read are inflated and at
     * most {@link #MAX_ROWS} rows are kept: a workbook of a million rows, or a ZIP bomb (a few hundred KB that inflate to
     * gigabytes), is refused without filling the heap. POI's ZIP guard refuses a part that inflates more than 100-fold
     * or beyond {@link #MAX_XLSX_PART_BYTES}.
     */
    private static SurveyTable readXlsx(byte[] content) {
        Path file;
        try {
            file = Files.createTempFile("survey-", ".xlsx");
            Files.write(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write a temporary file", e); // the server's disk, not the upload: 500
        }
        try {
            OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            try {
                XSSFReader reader = new XSSFReader(workbook);
                XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw refused("工作簿中没有工作表");
                }
                SheetRows rows = new SheetRows();
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(),
                            new ReadOnlySharedStringsTable(workbook, false), rows, new ExactNumbers(), false));
                    parser.parse(new InputSource(sheet));
                }
                return table("XLSX", rows.records);
            } finally {
                workbook.revert(); // close() of a read-only package warns that it is meant to save
            }
        } catch (Exception e) {
            ApiException refusal = cause(e, ApiException.class);
            if (refusal != null) {
                throw refusal; // also thrown by SheetRows from inside the SAX parser
            }
            if (isZipBomb(e)) {
                throw refused("Excel 文件解压后过大（压缩比异常，疑似压缩炸弹），已拒绝；请检查文件，或另存为 CSV 后上传");
            }
            throw refused("文件是 ZIP 压缩包，但不是可以打开的 Excel 工作簿（.xlsx），可能已损坏或未完整上传");
        } finally {
            file.toFile().delete();
        }
    }

    /** Rows of text as the sheet lists them; a value beyond {@link #MAX_ROWS} rows or {@link #MAX_COLUMNS} columns stops the reading. */
    private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {

        final List<List<String>> records = new ArrayList<>();

        @Override
        public void startRow(int rowNum) {
        }

        @Override
        public void endRow(int rowNum) {
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            if (value == null || value.isEmpty() || reference == null) {
                return;
            }
            CellReference cell = new CellReference(reference);
            if (cell.getRow() > MAX_ROWS) {
                throw refused("文件超过 " + MAX_ROWS + " 行");
            }
            if (cell.getCol() >= MAX_COLUMNS) {
                throw refused("第 " + (cell.getRow() + 1) + " 行超过 " + MAX_COLUMNS + " 列");
            }
            while (records.size() <= cell.getRow()) {
                records.add(new ArrayList<>());
            }
            List<String> cells = records.get(cell.getRow());
            while (cells.size() <= cell.getCol()) {
                cells.add("");
            }
            cells.set(cell.getCol(), value);
        }
    }

    /** Numbers exactly as the evaluator typed them (72.5, not the displayed 73); dates as Excel shows them. */
    private static final class ExactNumbers extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb") || message.contains("max size of the expanded data"))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first row is the header (row 1); later rows with any non-blank cell are data, numbered as Excel does. */
    private static SurveyTable table(String format, List<List<String>> records) {
        if (records.isEmpty() || records.get(0).stream().allMatch(cell -> cell == null || cell.isBlank())) {
            throw refused("文件中没有内容：第 1 行应为表头（组织编号或组织名称、总体得分……）");
        }
        List<String> headers = records.get(0).stream().map(h -> h == null ? "" : h.replace("\uFEFF", "").strip()).toList();
        List<SurveyTable.Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.stream().anyMatch(cell -> cell != null && !cell.isBlank())) {
                rows.add(new SurveyTable.Row(i + 1, cells));
            }
        }
        return new SurveyTable(format, headers, rows);
    }

    /** The text in this charset, or null when the bytes are not valid in it. */
    private static String decode(byte[] content, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** NUL or other control bytes (except tab, line breaks, form feed and the DOS end-of-file mark): not text. */
    private static boolean isBinary(byte[] content) {
        int end = Math.min(content.length, 64 * 1024);
        for (int i = 0; i < end; i++) {
            int b = content[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sizeText(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " 字节";
    }

    static ApiException refused(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail("file", null, message)));
    }
}
