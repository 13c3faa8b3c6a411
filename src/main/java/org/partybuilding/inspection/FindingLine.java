package org.partybuilding.inspection;

import java.time.LocalDate;
import org.partybuilding.rectification.Severity;

/** One finding as the inspection form gives it: a line {@code 检查项编号｜严重程度｜问题描述｜整改期限}. */
record FindingLine(int line, String itemCode, Severity severity, String description, LocalDate dueDate) {
}
