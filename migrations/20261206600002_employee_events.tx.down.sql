DROP INDEX employee_events_employee;
--bun:split
DROP TABLE employee_events;
