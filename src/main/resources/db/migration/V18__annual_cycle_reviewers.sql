-- The duty reports' reviewers chosen when the year's cycle started: its two duty-report rounds use them.
alter table annual_cycle add column duty_report_reviewers text[] not null default '{}';
