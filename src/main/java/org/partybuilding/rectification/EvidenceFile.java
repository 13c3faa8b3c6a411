package org.partybuilding.rectification;

import java.time.OffsetDateTime;

/** An evidence file (佐证材料) of a ledger item as the API lists it; the content is downloaded separately. */
public record EvidenceFile(
        long id,
        long itemId,
        String fileName,
        EvidenceType type,
        String contentType,
        int size,
        String sha256,
        String uploadedBy,
        OffsetDateTime uploadedAt) {
}
