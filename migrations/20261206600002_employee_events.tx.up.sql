-- The history of an employee's register entry (issue 12): the Kanwil moving
-- a person to another office (action 'move', from and to office) with who,
-- when and why.
CREATE TABLE employee_events (
    id {{.ID}},
    employee_id {{.BigInt}} NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    from_office_id {{.BigInt}} REFERENCES offices (id),
    to_office_id {{.BigInt}} REFERENCES offices (id),
    actor_id {{.BigInt}} REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX employee_events_employee ON employee_events (employee_id, id);
