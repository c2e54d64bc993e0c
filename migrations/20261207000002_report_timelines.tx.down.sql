DROP TABLE report_timelines;
