DROP TABLE report_spells;
