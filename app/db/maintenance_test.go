package db

import "testing"

func TestMaintenanceLengthensOnlyPostgresTimeouts(t *testing.T) {
	cases := map[string]string{
		"postgres://u@h:5432/d?sslmode=disable": "postgres://u@h:5432/d?read_timeout=30m0s&sslmode=disable&write_timeout=30m0s",
		"postgresql://u@h/d?read_timeout=5s":    "postgresql://u@h/d?read_timeout=5s&write_timeout=30m0s",
		"sqlite://data/usulan.db":               "sqlite://data/usulan.db",
		"data/usulan.db":                        "data/usulan.db",
	}
	for in, want := range cases {
		if got := Maintenance(in); got != want {
			t.Errorf("Maintenance(%q) = %q, want %q", in, got, want)
		}
	}
}
