-- The dashboard's latest escalations (/api/dashboard/escalations): newest first, read from small partial indexes
-- instead of every event of every item and report.
create index if not exists rectification_event_escalated_idx on rectification_event (at desc, id desc) where type = 'ESCALATED';
create index if not exists duty_report_event_escalated_idx on duty_report_event (at desc, id desc) where type = 'ESCALATED';
-- Open items by organization (the heatmap's figures), without the closed ones of past years.
create index if not exists rectification_item_open_idx on rectification_item (organization_id, due_date)
    where status not in ('CLOSED', 'CANCELLED');
-- Open and overdue tasks by organization (tenant): answered from the index alone.
create index if not exists act_idx_task_tenant_due on act_ru_task (tenant_id_, due_date_);
