-- Nothing to undo: the aligned kind and position are the proposals' own.
SELECT 1;
