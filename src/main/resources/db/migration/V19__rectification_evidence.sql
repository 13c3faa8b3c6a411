-- Evidence files (佐证材料) of rectification items: photos, PDF, Word and Excel files uploaded by the secretary while the
-- item awaits her submission. Kept with the item for good (the ledger's history says who added or removed which file);
-- the type is what the content is (checked on upload), never what the name or the browser says.
create table rectification_evidence (
    id           bigserial    primary key,
    item_id      bigint       not null references rectification_item (id),
    file_name    varchar(200) not null,
    file_type    varchar(10)  not null,
    content_type varchar(100) not null,
    size         integer      not null,
    sha256       char(64)     not null,
    content      bytea        not null,
    uploaded_by  varchar(64)  not null,
    uploaded_at  timestamptz  not null
);

create index rectification_evidence_item_idx on rectification_evidence (item_id, id);
