DROP TABLE filing_periods;
--bun:split
DROP TABLE delegations;
