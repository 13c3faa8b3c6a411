package org.partybuilding.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.partybuilding.system.ApiException;

/** The reader alone: the size limit, and row numbers as Excel shows them. */
class SurveyFileReaderTest {

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() {
        byte[] file = new byte[2049];
        assertThatThrownBy(() -> SurveyFileReader.bytes(new ByteArrayInputStream(file), 2048))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.details().get(0).field()).isEqualTo("file");
                    assertThat(e.getMessage()).contains("超过 2 KB 的上限");
                });
        assertThat(SurveyFileReader.bytes(new ByteArrayInputStream(new byte[2048]), 2048)).hasSize(2048);
    }

    @Test
    void rowsAreNumberedAsExcelShowsThemWithBlankRowsCountedAndAQuotedLineBreakInsideOneRow() {
        String csv = "\uFEFF组织编号,总体得分,评语\r\na,1,\"two\r\nlines\"\r\n\r\nb,2,\r\n";
        SurveyTable table = SurveyFileReader.read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(table.headers()).containsExactly("组织编号", "总体得分", "评语");
        assertThat(table.rows()).extracting(SurveyTable.Row::line).containsExactly(2, 4);
        assertThat(table.rows().get(0).cell(2)).isEqualTo("two\r\nlines");
    }
}
