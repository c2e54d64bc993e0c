DROP TABLE audit_events;
{{if .PG}}
--bun:split
DROP FUNCTION audit_events_append_only();
{{end}}
