-- Staffing plan (formasi) and the staffing reference data an admin keeps (issue 5).
-- A formation is the approved quota for one office × position × level × calendar year; the
-- ledger (planned, filled, reserved, available) is computed from proposals, never stored.
CREATE TABLE formations (
    id {{.ID}},
    office_id {{.BigInt}} NOT NULL REFERENCES offices (id),
    position TEXT NOT NULL,
    level TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    quota INTEGER NOT NULL CHECK (quota >= 0),
    basis TEXT NOT NULL DEFAULT '',
    version {{.BigInt}} NOT NULL DEFAULT 1,
    updated_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL,
    UNIQUE (office_id, position, level, year)
);
--bun:split
CREATE INDEX formations_year ON formations (year, office_id);
--bun:split
-- Every change of a quota, append-only. The key columns are copied so that the timeline
-- outlives a deleted formation (formation_id then points nowhere, on purpose).
CREATE TABLE formation_events (
    id {{.ID}},
    formation_id {{.BigInt}} NOT NULL,
    office_id {{.BigInt}} NOT NULL REFERENCES offices (id),
    position TEXT NOT NULL,
    level TEXT NOT NULL,
    year INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    quota_before INTEGER,
    quota_after INTEGER,
    note TEXT NOT NULL DEFAULT '',
    actor_id {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX formation_events_office_year ON formation_events (office_id, year, id);
--bun:split
-- Monthly pay caps for staffing requests (PMK standar biaya masukan; a regency minimum wage
-- where higher): one budget year, one office (NULL = every office), one mechanism ('' = all).
CREATE TABLE pay_caps (
    id {{.ID}},
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    office_id {{.BigInt}} REFERENCES offices (id),
    mechanism TEXT NOT NULL DEFAULT '' CHECK (mechanism IN ('', 'honorer', 'outsourcing', 'pppk_paruh_waktu')),
    amount {{.BigInt}} NOT NULL CHECK (amount >= 0),
    source TEXT NOT NULL,
    confidence TEXT NOT NULL DEFAULT 'M' CHECK (confidence IN ('H', 'M', 'L')),
    note TEXT NOT NULL DEFAULT '',
    updated_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX pay_caps_key ON pay_caps (year, COALESCE(office_id, 0), mechanism);
--bun:split
-- eligibility.DefaultPayCaps(): 2024, Central Java pramubakti, PMK 49/2023 [H].
INSERT INTO pay_caps (year, office_id, mechanism, amount, source, confidence, note, created_at, updated_at) VALUES
    (2024, NULL, '', 2070000, 'PMK 49/2023 (standar biaya masukan 2024, pramubakti Jawa Tengah)', 'H',
     'Alih daya boleh sampai +25% dan UMK kabupaten yang lebih tinggi dapat berlaku: tambahkan batas per kantor atau per mekanisme bila ada dasarnya.',
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
--bun:split
-- Archive classification printed in letter numbers, per kind of filing, dated.
CREATE TABLE letter_classifications (
    id {{.ID}},
    kind TEXT NOT NULL CHECK (kind IN ('jft', 'staffing')),
    code TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    confidence TEXT NOT NULL DEFAULT 'M' CHECK (confidence IN ('H', 'M', 'L')),
    valid_from TEXT,
    valid_to TEXT,
    updated_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX letter_classifications_kind ON letter_classifications (kind, valid_from);
--bun:split
INSERT INTO letter_classifications (kind, code, label, source, confidence, created_at, updated_at) VALUES
    ('jft', 'KP.07.6', 'Kepegawaian / Mutasi / Jabatan struktural-fungsional',
     'Klasifikasi arsip Kementerian Agama; terlihat pada surat usulan nyata', 'H', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('staffing', 'KP.00.1', 'Kepegawaian / Formasi',
     'Klasifikasi arsip Kementerian Agama (KP.00 formasi); belum dikonfirmasi pada surat nyata', 'M', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
--bun:split
-- Default qualifications offered on the staffing request form: office practice, not law [L].
CREATE TABLE staffing_qualification_defaults (
    id {{.ID}},
    name TEXT NOT NULL,
    education_level TEXT NOT NULL DEFAULT '',
    education_field TEXT NOT NULL DEFAULT '',
    age_min INTEGER,
    age_max INTEGER,
    source TEXT NOT NULL DEFAULT '',
    confidence TEXT NOT NULL DEFAULT 'L' CHECK (confidence IN ('H', 'M', 'L')),
    valid_from TEXT,
    valid_to TEXT,
    updated_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
INSERT INTO staffing_qualification_defaults (name, education_level, education_field, age_min, age_max, source, confidence, created_at, updated_at) VALUES
    ('Umum (pramubakti, pengemudi, petugas kebersihan)', 'SMA', '', 18, 35, 'Praktik kantor (bukan peraturan)', 'L', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('Teknologi informasi (pengelola laman, operator sistem)', 'D3', 'Teknik Informatika/Sistem Informasi', 18, 35, 'Praktik kantor (bukan peraturan)', 'L', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
