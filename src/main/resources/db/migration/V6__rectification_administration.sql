-- An administrator's operation on an item's instance (modify, suspend, variables...) is one history line, however
-- many operation-log entries the engine writes for it.
alter table rectification_event add column operation_id varchar(64);
create unique index rectification_event_operation_idx on rectification_event (item_id, operation_id) where operation_id is not null;
