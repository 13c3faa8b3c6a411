package org.partybuilding.organization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Read API of the directory, and its re-import by the organization department. */
@RestController
@RequestMapping("/api")
@Tag(name = "组织目录")
class OrganizationController {

    private final DirectoryService directory;

    OrganizationController(DirectoryService directory) {
        this.directory = directory;
    }

    @GetMapping("/organizations")
    @Operation(summary = "全部党组织（按目录文件顺序）")
    List<Organization> organizations() {
        return directory.organizations();
    }

    @GetMapping("/organizations/{id}")
    @Operation(summary = "按编号查询党组织")
    Organization organization(@PathVariable String id) {
        return directory.organization(id).orElseThrow(() -> ApiException.notFound("组织 " + id + " 不存在"));
    }

    /** Names for user ids (Cockpit's 事项详情 shows who holds a step); ids the directory does not list are left out. */
    @GetMapping("/people")
    @Operation(summary = "按用户名查询人员姓名（目录中的书记和工作人员），最多 200 个")
    Map<String, String> people(@RequestParam(name = "userId") List<String> userIds) {
        if (userIds.size() > MAX_PEOPLE) {
            throw ApiException.badField("userId", "一次最多查询 " + MAX_PEOPLE + " 个用户");
        }
        Map<String, String> names = new LinkedHashMap<>();
        userIds.stream().distinct().forEach(id -> directory.personName(id).ifPresent(name -> names.put(id, name)));
        return names;
    }

    static final int MAX_PEOPLE = 200;

    @GetMapping("/secretary-types")
    @Operation(summary = "八类书记类型")
    List<SecretaryType> secretaryTypes() {
        return directory.secretaryTypes();
    }

    @PostMapping(path = "/directory", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "上传目录文件（YAML）并重新导入；有任何错误则整体拒绝，逐行列出问题。仅组织部可用。"
            + "文件若将停用现有组织或工作人员的一成以上（且多于 3 个），须带 confirmDeactivation=true。")
    DirectoryService.ImportResult importDirectory(@RequestParam("file") MultipartFile file,
            @RequestParam(name = "confirmDeactivation", defaultValue = "false") boolean confirmDeactivation, ApiUser user) {
        if (!user.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以导入组织目录");
        }
        if (file.isEmpty()) {
            throw ApiException.badField("file", "上传的目录文件为空");
        }
        String source = "上传文件 " + (file.getOriginalFilename() == null ? "" : file.getOriginalFilename());
        try (InputStream content = file.getInputStream()) {
            return directory.importDirectory(content, source, user.userId(), confirmDeactivation);
        } catch (DirectoryRejectedException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "目录文件有 " + e.problems().size() + " 处错误，未导入任何数据",
                    e.problems().stream().map(p -> new ApiError.Detail(null, p.line(), p.message())).toList());
        } catch (IOException e) {
            throw ApiException.badField("file", "无法读取上传的文件");
        }
    }
}
