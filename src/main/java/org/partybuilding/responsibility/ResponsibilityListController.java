package org.partybuilding.responsibility;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.Conflicts;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The secretary responsibility lists over HTTP: every signed-in user reads, the organization department publishes. */
@RestController
@RequestMapping("/api/responsibility-lists")
@Tag(name = "责任清单")
class ResponsibilityListController {

    private final ResponsibilityLists lists;

    ResponsibilityListController(ResponsibilityLists lists) {
        this.lists = lists;
    }

    @GetMapping("/{year}")
    @Operation(summary = "某年施行的八类书记责任清单（按书记类型顺序）；当年尚未发布的类型沿用此前最近一年的清单，并以 inheritedFrom 标明年份")
    List<ResponsibilityList> lists(@Parameter(description = "年份") @PathVariable int year) {
        return lists.lists(year);
    }

    @GetMapping("/{year}/{type}")
    @Operation(summary = "某年某类书记的责任清单（当前版本，含版本号、发布人、发布时间）")
    ResponsibilityList list(@Parameter(description = "年份") @PathVariable int year,
            @Parameter(description = "书记类型代码，如 VILLAGE") @PathVariable String type) {
        return lists.list(year, type);
    }

    @GetMapping("/{year}/{type}/versions")
    @Operation(summary = "某年某类书记责任清单的历次版本（版本号、发布人、发布时间、条目数）")
    List<ResponsibilityListRepository.Version> versions(@Parameter(description = "年份") @PathVariable int year,
            @Parameter(description = "书记类型代码，如 VILLAGE") @PathVariable String type) {
        return lists.versions(year, type);
    }

    @GetMapping("/{year}/{type}/versions/{version}")
    @Operation(summary = "某年某类书记责任清单的某一历史版本（发布时的内容）")
    ResponsibilityList version(@Parameter(description = "年份") @PathVariable int year,
            @Parameter(description = "书记类型代码，如 VILLAGE") @PathVariable String type,
            @Parameter(description = "版本号，1 为随系统发布的清单") @PathVariable int version) {
        return lists.version(year, type, version);
    }

    @PutMapping(path = "/{year}/{type}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Conflicts("该清单刚刚被他人修改，请重新读取后再提交")
    @Operation(summary = "发布某年某类书记的责任清单（生成新版本，保留此前各版本）。整份校验：编号、内容、类别、季度、权重（合计 100），"
            + "有误则逐项列出问题且不作任何修改。仅组织部可用。")
    ResponsibilityList publish(@Parameter(description = "年份，2000 到明年") @PathVariable int year,
            @Parameter(description = "书记类型代码，如 VILLAGE") @PathVariable String type,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "清单条目：{\"items\": [{code, text, category, quarter, weight}]}",
                    required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ListBody.class)))
            @RequestBody String body, @Parameter(hidden = true) ApiUser caller) {
        return lists.publish(year, type, body, caller);
    }

    /** The body of a {@code PUT}, for the OpenAPI description only (the parser reads the JSON itself). */
    record ListBody(List<ItemBody> items) {
    }

    /** One item of a {@code PUT} body. */
    record ItemBody(String code, String text, String category, int quarter, int weight) {
    }
}
