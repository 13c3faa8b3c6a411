package org.partybuilding.rectification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.Conflicts;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Evidence files (佐证材料) of a ledger item over HTTP; used by {@code /evidence.html}, linked from the Tasklist forms. */
@RestController
@RequestMapping("/api/rectifications/{id}/evidence")
@Tag(name = "整改台账")
class EvidenceController {

    private final EvidenceService evidence;

    EvidenceController(EvidenceService evidence) {
        this.evidence = evidence;
    }

    @GetMapping
    @Operation(summary = "整改事项的佐证材料列表（与事项相同的查看范围）；editable：调用者现在能否上传、删除")
    EvidenceService.EvidenceList list(@PathVariable long id, ApiUser caller) {
        return evidence.list(id, caller);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Conflicts("佐证材料只能在填报整改情况时上传，整改情况提交后不能再更改")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "上传佐证材料（本组织书记，填报整改情况期间；照片、PDF、Word、Excel，按文件内容识别类型）")
    List<EvidenceFile> upload(@PathVariable long id, @RequestPart("file") List<MultipartFile> files, ApiUser caller) {
        return evidence.add(id, files, caller);
    }

    @GetMapping("/{fileId}")
    @Operation(summary = "下载佐证材料")
    ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable long fileId, ApiUser caller) {
        EvidenceService.Download download = evidence.download(id, fileId, caller);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.file().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(download.file().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(download.content());
    }

    @DeleteMapping("/{fileId}")
    @Conflicts("佐证材料只能在填报整改情况时删除，整改情况提交后不能再更改")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "删除自己上传的佐证材料（提交整改情况之前）")
    void remove(@PathVariable long id, @PathVariable long fileId, ApiUser caller) {
        evidence.remove(id, fileId, caller);
    }
}
