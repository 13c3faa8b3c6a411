package org.partybuilding.survey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The evaluator's results: uploaded by the organization department, read by whoever may see the organizations. */
@RestController
@RequestMapping("/api/surveys")
@Tag(name = "满意度测评")
class SurveyController {

    private final SurveyService surveys;

    SurveyController(SurveyService surveys) {
        this.surveys = surveys;
    }

    @PostMapping(path = "/{year}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "上传第三方测评结果（CSV 或 .xlsx）；整个文件先校验，有任何错误则整体拒绝并逐行列出问题。"
            + "低于阈值的组织各开具一项整改事项。同一文件重复上传不产生任何变化。仅组织部可用。")
    ResponseEntity<SurveyImport> upload(@PathVariable int year, @RequestParam("file") MultipartFile file, ApiUser user) {
        try (InputStream content = file.getInputStream()) {
            SurveyImport result = surveys.importFile(year, file.getOriginalFilename(), content, user);
            return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result);
        } catch (IOException e) {
            throw ApiException.badField("file", "无法读取上传的文件");
        }
    }

    @GetMapping("/{year}")
    @Operation(summary = "某年度的测评结果及各组织的整改事项（仅限可见的组织）")
    SurveyView results(@PathVariable int year, ApiUser user) {
        return surveys.view(year, user);
    }
}
