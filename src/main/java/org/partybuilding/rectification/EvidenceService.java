package org.partybuilding.rectification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.rectification.RectificationProcess.Elements;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.AsSystem;
import org.partybuilding.workflow.Deadlines;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence files (佐证材料) of ledger items. The item's secretary adds and removes files while her
 * {@code Task_SubmitRectification} is open; afterwards they are read-only and kept with the item. Whoever may read the
 * item (same rule as {@link RectificationService#find}) may list and download them: the verifiers, the staff above
 * the organization, the organization department. Every addition and removal is a line of the item's history.
 */
@Service
public class EvidenceService {

    private final RectificationService rectifications;
    private final RectificationRepository ledger;
    private final EvidenceRepository files;
    private final DirectoryService directory;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final Deadlines deadlines;
    private final long maxFileSize;
    private final int maxFiles;
    private final long maxTotalSize;

    EvidenceService(RectificationService rectifications, RectificationRepository ledger, EvidenceRepository files,
            DirectoryService directory, TaskService taskService, IdentityService identityService, Deadlines deadlines,
            @Value("${app.evidence.max-file-size}") DataSize maxFileSize, @Value("${app.evidence.max-files}") int maxFiles,
            @Value("${app.evidence.max-total-size}") DataSize maxTotalSize) {
        this.rectifications = rectifications;
        this.ledger = ledger;
        this.files = files;
        this.directory = directory;
        this.taskService = taskService;
        this.identityService = identityService;
        this.deadlines = deadlines;
        this.maxFileSize = maxFileSize.toBytes();
        this.maxFiles = maxFiles;
        this.maxTotalSize = maxTotalSize.toBytes();
    }

    /**
     * The item's files, oldest first, and whether the caller may add or remove files now.
     *
     * @throws ApiException 404 when the caller may not see the item
     */
    public EvidenceList list(long itemId, ApiUser caller) {
        RectificationItem item = rectifications.visible(itemId, caller);
        Task submit = submitTask(item);
        boolean editable = submit != null && caller.userId().equals(submit.getAssignee());
        return new EvidenceList(item.id(), item.title(), item.status(), editable, files.list(itemId));
    }

    /** What the evidence page shows. */
    public record EvidenceList(long itemId, String title, Status status, boolean editable, List<EvidenceFile> files) {
    }

    /** The open submission task of the item, read without the caller's authorizations (she may see only her own). */
    private Task submitTask(RectificationItem item) {
        return item.processInstanceId() == null ? null : AsSystem.call(identityService, () -> taskService.createTaskQuery()
                .processInstanceId(item.processInstanceId()).taskDefinitionKey(Elements.SUBMIT).active().singleResult());
    }

    /** One file with its content. @throws ApiException 404 when the caller may not see the item, or no such file */
    public Download download(long itemId, long fileId, ApiUser caller) {
        rectifications.visible(itemId, caller);
        EvidenceFile file = files.find(itemId, fileId).orElseThrow(() -> ApiException.notFound("佐证材料 " + fileId + " 不存在"));
        return new Download(file, files.content(fileId));
    }

    public record Download(EvidenceFile file, byte[] content) {
    }

    /**
     * Adds files to an item: all of them or, when any is refused, none.
     *
     * @throws ApiException 404 item not visible; 403 not the item's secretary; 409 not awaiting her submission;
     *                      400 naming every refused file (empty, too large, not an accepted kind) or the item's limits
     */
    @Transactional
    public List<EvidenceFile> add(long itemId, List<MultipartFile> uploads, ApiUser caller) {
        RectificationItem item = lockForSecretary(itemId, caller, "上传");
        if (uploads == null || uploads.isEmpty()) {
            throw ApiException.badField("file", "请选择要上传的文件");
        }
        List<ApiError.Detail> refusals = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        for (MultipartFile upload : uploads) {
            String shown = EvidenceSniffer.fileName(upload.getOriginalFilename(), null);
            if (upload.getSize() > maxFileSize) {
                refusals.add(refusal(shown, "超过单个文件 " + sizeText(maxFileSize) + " 的上限"));
                continue;
            }
            byte[] content = bytes(upload);
            EvidenceSniffer.Result result = EvidenceSniffer.detect(content);
            if (result.type() == null) {
                refusals.add(refusal(shown, result.refusal()));
            } else {
                accepted.add(new Accepted(EvidenceSniffer.fileName(upload.getOriginalFilename(), result.type()), result.type(), content));
            }
        }
        if (!refusals.isEmpty()) {
            String message = refusals.size() == 1 ? refusals.get(0).message()
                    : refusals.size() + " 个文件未能上传：" + String.join("；", refusals.stream().map(ApiError.Detail::message).toList());
            throw new ApiException(HttpStatus.BAD_REQUEST, message + "。可上传照片（JPG、PNG）、PDF、Word、Excel 文件", refusals);
        }
        long[] usage = files.usage(itemId);
        long added = accepted.stream().mapToLong(a -> a.content().length).sum();
        if (usage[0] + accepted.size() > maxFiles) {
            throw ApiException.badField("file", "每个整改事项最多 " + maxFiles + " 个佐证材料文件，已有 " + usage[0] + " 个");
        }
        if (usage[1] + added > maxTotalSize) {
            throw ApiException.badField("file", "每个整改事项的佐证材料合计不超过 " + sizeText(maxTotalSize) + "，已有 "
                    + sizeText(usage[1]));
        }
        List<EvidenceFile> stored = new ArrayList<>();
        for (Accepted file : accepted) {
            String sha256 = sha256(file.content());
            long id = files.insert(item.id(), file.name(), file.type(), file.content(), sha256, caller.userId(), deadlines.now());
            ledger.record(item.id(), EventType.EVIDENCE_ADDED, caller.userId(), "上传佐证材料：" + file.name() + "（"
                    + file.type().label() + "，" + sizeText(file.content().length) + "，SHA-256 " + sha256 + "）", deadlines.now());
            stored.add(files.find(item.id(), id).orElseThrow());
        }
        return stored;
    }

    /**
     * Removes a file the secretary uploaded herself, before she submits.
     *
     * @throws ApiException 404 item or file not found; 403 not hers; 409 not awaiting her submission
     */
    @Transactional
    public void remove(long itemId, long fileId, ApiUser caller) {
        RectificationItem item = lockForSecretary(itemId, caller, "删除");
        EvidenceFile file = files.find(itemId, fileId).orElseThrow(() -> ApiException.notFound("佐证材料 " + fileId + " 不存在"));
        if (!file.uploadedBy().equals(caller.userId())) {
            throw ApiException.forbidden("只能删除自己上传的佐证材料");
        }
        files.delete(fileId);
        ledger.record(item.id(), EventType.EVIDENCE_REMOVED, caller.userId(), "删除佐证材料：" + file.fileName()
                + "（SHA-256 " + file.sha256() + "）", deadlines.now());
    }

    /**
     * The item, locked until commit (a submission completing at the same time waits, or has already happened and is
     * seen), when the caller is its secretary and her submission task is open.
     */
    private RectificationItem lockForSecretary(long itemId, ApiUser caller, String action) {
        rectifications.visible(itemId, caller);
        RectificationItem item = ledger.findForUpdate(itemId).orElseThrow(() -> ApiException.notFound("整改事项 " + itemId + " 不存在"));
        String secretary = directory.organizationForHistory(item.organizationId()).map(Organization::secretaryUserId).orElse(null);
        Task submit = submitTask(item);
        boolean assignee = submit != null && caller.userId().equals(submit.getAssignee());
        if (!assignee && !caller.userId().equals(secretary)) {
            throw ApiException.forbidden("只有本组织书记（整改责任人）可以" + action + "佐证材料");
        }
        if (!assignee) {
            throw new ApiException(HttpStatus.CONFLICT, "整改事项 " + itemId + " 当前为“" + item.status().label()
                    + "”，佐证材料只能在填报整改情况时" + action + "，提交后不能再更改");
        }
        return item;
    }

    private record Accepted(String name, EvidenceType type, byte[] content) {
    }

    private static ApiError.Detail refusal(String name, String reason) {
        return new ApiError.Detail("file", null, "文件“" + name + "”：" + reason);
    }

    private static byte[] bytes(MultipartFile upload) {
        try {
            return upload.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024)).replace(".0 MB", " MB");
        }
        return bytes >= 1024 ? (bytes + 1023) / 1024 + " KB" : bytes + " 字节";
    }
}
