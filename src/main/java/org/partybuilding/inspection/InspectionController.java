package org.partybuilding.inspection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.Conflicts;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Quarterly special inspections: start a quarter's round, follow it, download its bulletin. */
@RestController
@RequestMapping("/api/inspections")
@Tag(name = "专项督查")
class InspectionController {

    static final MediaType DOCX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final InspectionService inspections;

    InspectionController(InspectionService inspections) {
        this.inspections = inspections;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Conflicts("该季度专项督查已经发起过（每个季度只能发起一次）")
    @Operation(summary = "发起某季度专项督查（每季度一次）。给出完整方案则立即分派督查；只给年度和季度则由组织部在 Tasklist 中制定方案。仅组织部可用。")
    ResponseEntity<InspectionProgress> start(@RequestBody InspectionPlan plan, @Parameter(hidden = true) ApiUser user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(inspections.start(plan, user));
    }

    @GetMapping("/{year}/{quarter}")
    @Operation(summary = "某季度专项督查的方案、进度、督查对象和发现的问题（按可见范围）")
    InspectionProgress progress(@PathVariable int year, @PathVariable int quarter, @Parameter(hidden = true) ApiUser user) {
        return inspections.progress(year, quarter, user);
    }

    @GetMapping("/{year}/{quarter}/bulletin.docx")
    @Operation(summary = "下载督查通报（.docx，按党政机关公文格式排版）")
    ResponseEntity<byte[]> bulletin(@PathVariable int year, @PathVariable int quarter, @Parameter(hidden = true) ApiUser user) {
        byte[] document = inspections.bulletin(year, quarter);
        return ResponseEntity.ok().contentType(DOCX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(year + "年第" + quarter + "季度专项督查通报.docx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(document);
    }
}
