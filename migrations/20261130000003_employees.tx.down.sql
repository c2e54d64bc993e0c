DROP TABLE employee_uploads;
--bun:split
DROP TABLE employees;
