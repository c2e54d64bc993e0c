DROP TABLE staffing_qualification_defaults;
--bun:split
DROP TABLE letter_classifications;
--bun:split
DROP TABLE pay_caps;
--bun:split
DROP TABLE formation_events;
--bun:split
DROP TABLE formations;
