package org.partybuilding.rectification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The evidence files of ledger items ({@code rectification_evidence}, V19). Runs in the caller's transaction. */
@Repository
class EvidenceRepository {

    private static final String COLUMNS = "id, item_id, file_name, file_type, content_type, size, sha256, uploaded_by, uploaded_at";

    private final JdbcClient jdbc;

    EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long itemId, String fileName, EvidenceType type, byte[] content, String sha256, String uploadedBy, Date at) {
        return jdbc.sql("""
                insert into rectification_evidence (item_id, file_name, file_type, content_type, size, sha256, content, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(itemId, fileName, type.name(), type.contentType(), content.length, sha256, content, uploadedBy,
                        at.toInstant().atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
    }

    List<EvidenceFile> list(long itemId) {
        return jdbc.sql("select " + COLUMNS + " from rectification_evidence where item_id = ? order by id").param(itemId)
                .query(EvidenceRepository::file).list();
    }

    Optional<EvidenceFile> find(long itemId, long fileId) {
        return jdbc.sql("select " + COLUMNS + " from rectification_evidence where item_id = ? and id = ?").params(itemId, fileId)
                .query(EvidenceRepository::file).optional();
    }

    byte[] content(long fileId) {
        return jdbc.sql("select content from rectification_evidence where id = ?").param(fileId).query(byte[].class).single();
    }

    /** Number of files and their total size. */
    long[] usage(long itemId) {
        return jdbc.sql("select count(*), coalesce(sum(size), 0) from rectification_evidence where item_id = ?").param(itemId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    void delete(long fileId) {
        jdbc.sql("delete from rectification_evidence where id = ?").param(fileId).update();
    }

    private static EvidenceFile file(ResultSet rs, int row) throws SQLException {
        return new EvidenceFile(rs.getLong("id"), rs.getLong("item_id"), rs.getString("file_name"),
                EvidenceType.valueOf(rs.getString("file_type")), rs.getString("content_type"), rs.getInt("size"),
                rs.getString("sha256"), rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class));
    }
}
