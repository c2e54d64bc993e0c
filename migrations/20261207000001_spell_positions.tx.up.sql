-- A proposal's stays in report_spells carry its current kind and position
-- (the workflow writes them back on each transition from now on); stays
-- written before a position was changed during a revision are aligned
-- here, so the obstacle map's position filter and its one-pass read by
-- the index (filed_at, kind, position, proposal_id) see every stay.
UPDATE report_spells SET
    kind = (SELECT p.kind FROM proposals AS p WHERE p.id = report_spells.proposal_id),
    position = (SELECT p.position FROM proposals AS p WHERE p.id = report_spells.proposal_id)
WHERE EXISTS (SELECT 1 FROM proposals AS p WHERE p.id = report_spells.proposal_id
    AND (p.kind <> report_spells.kind OR p.position <> report_spells.position));
