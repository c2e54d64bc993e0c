package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
)

// cli runs the command in-process against the database in DATABASE_URL.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUserAndTokenCreation(t *testing.T) {
	t.Setenv("DATABASE_URL", dbtest.URL(t))
	t.Setenv("USER", "tata")
	t.Setenv("DATA_DIR", t.TempDir())
	if code, out, errs := cli(t, "", "migrate", "up"); code != 0 || !strings.Contains(out, "migrasi diterapkan") {
		t.Fatalf("migrate up: %d %s %s", code, out, errs)
	}
	if code, _, errs := cli(t, "rahasia-Sekali-123\n", "user", "create", "--username", "op_pbg", "--role", "operator"); code != 2 || !strings.Contains(errs, "office") {
		t.Fatalf("operator without office: %d %s", code, errs)
	}
	if code, _, errs := cli(t, "pendek\n", "user", "create", "--username", "ver1", "--role", "verifikator"); code != 2 || !strings.Contains(errs, "password") {
		t.Fatalf("short password: %d %s", code, errs)
	}
	if code, _, errs := cli(t, "rahasia-Sekali-123\n", "user", "create", "--username", "op_pbg", "--role", "operator", "--office", "Kk.11.99"); code != 2 || !strings.Contains(errs, "office") {
		t.Fatalf("unknown office: %d %s", code, errs)
	}
	if code, out, errs := cli(t, "rahasia-Sekali-123\n", "user", "create", "--username", "op_pbg", "--role", "operator", "--office", "Kk.11.03", "--name", "Siti"); code != 0 {
		t.Fatalf("user create: %d %s %s", code, out, errs)
	}
	if code, _, errs := cli(t, "rahasia-Sekali-123\n", "user", "create", "--username", "op_pbg", "--role", "operator", "--office", "Kk.11.03"); code != 2 || !strings.Contains(errs, "sudah dipakai") {
		t.Fatalf("duplicate username: %d %s", code, errs)
	}
	code, tok1, _ := cli(t, "", "token", "create", "--username", "op_pbg")
	_, tok2, _ := cli(t, "", "token", "create", "--username", "op_pbg")
	if code != 0 || !strings.HasPrefix(tok1, "usl_") || tok1 == tok2 {
		t.Fatalf("tokens %q %q", tok1, tok2)
	}
	if code, _, _ := cli(t, "", "token", "create", "--username", "nobody"); code != 2 {
		t.Fatalf("token for a missing user: %d", code)
	}
	if code, out, _ := cli(t, "", "migrate", "status"); code != 0 || !strings.Contains(out, "sudah") {
		t.Fatalf("migrate status: %d %s", code, out)
	}
	if code, out, errs := cli(t, "", "user", "set", "--username", "op_pbg", "--nip", "1980"); code != 2 || !strings.Contains(errs, "nip") {
		t.Fatalf("user set with a bad NIP: %d %s %s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "user", "set", "--username", "op_pbg", "--nip", "19800101 200501 2 002"); code != 0 || !strings.Contains(out, "diubah (1 isian)") {
		t.Fatalf("user set --nip: %d %s %s", code, out, errs)
	}
	// The audit trail names the command line and the system account.
	d, err := db.Open(os.Getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rows, total, err := audit.List(context.Background(), d, audit.Filter{Actor: "cli:tata"})
	if err != nil || total != 4 || rows[3].Action != audit.UserCreate || rows[2].Action != audit.TokenCreate ||
		rows[1].Action != audit.TokenCreate || rows[0].Action != audit.UserUpdate || rows[3].Subject != audit.UserSubject(1, "op_pbg") {
		t.Fatalf("audit trail of the command line: %d %+v %v", total, rows, err)
	}
}

func TestUserDisableEnablePasswordAndTokenRevoke(t *testing.T) {
	url := dbtest.URL(t)
	t.Setenv("DATABASE_URL", url)
	t.Setenv("DATA_DIR", t.TempDir())
	if code, _, errs := cli(t, "rahasia-Sekali-123\n", "user", "create", "--username", "ver1", "--role", "verifikator"); code != 0 {
		t.Fatalf("user create: %d %s", code, errs)
	}
	_, tok1, _ := cli(t, "", "token", "create", "--username", "ver1")
	_, tok2, _ := cli(t, "", "token", "create", "--username", "ver1")
	tok1, tok2 = strings.TrimSpace(tok1), strings.TrimSpace(tok2)
	d, err := db.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	users := auth.New(d, clock.Real, nil)
	status := func(err error) int {
		if err == nil {
			return 200
		}
		if e, ok := apperror.As(err); ok {
			return e.Status
		}
		return 500
	}

	if code, out, errs := cli(t, "", "user", "disable", "--username", "ver1"); code != 0 || !strings.Contains(out, "dinonaktifkan") {
		t.Fatalf("disable: %d %s %s", code, out, errs)
	}
	if _, err := users.UserByToken(ctx, tok1); status(err) != 401 {
		t.Fatalf("token of a disabled user: %v", err)
	}
	if _, err := users.Login(ctx, "ver1", "rahasia-Sekali-123", "127.0.0.1"); status(err) != 401 {
		t.Fatalf("login of a disabled user: %v", err)
	}
	if code, out, _ := cli(t, "", "user", "enable", "--username", "ver1"); code != 0 || !strings.Contains(out, "diaktifkan") {
		t.Fatalf("enable: %d %s", code, out)
	}
	if _, err := users.UserByToken(ctx, tok1); err != nil {
		t.Fatalf("token after enable: %v", err)
	}

	if code, _, errs := cli(t, "pendek\n", "user", "password", "--username", "ver1"); code != 2 || !strings.Contains(errs, "password") {
		t.Fatalf("short new password: %d %s", code, errs)
	}
	if code, out, errs := cli(t, "kata-sandi-Baru-456\n", "user", "password", "--username", "ver1"); code != 0 || !strings.Contains(out, "diganti") {
		t.Fatalf("password: %d %s %s", code, out, errs)
	}
	if _, err := users.Login(ctx, "ver1", "kata-sandi-Baru-456", "127.0.0.1"); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
	if _, err := users.Login(ctx, "ver1", "rahasia-Sekali-123", "127.0.0.1"); status(err) != 401 {
		t.Fatalf("login with the old password: %v", err)
	}

	if code, out, errs := cli(t, "", "token", "revoke", "--username", "ver1"); code != 0 || !strings.HasPrefix(out, "2 token") {
		t.Fatalf("revoke: %d %q %s", code, out, errs)
	}
	for _, tok := range []string{tok1, tok2} {
		if _, err := users.UserByToken(ctx, tok); status(err) != 401 {
			t.Fatalf("revoked token: %v", err)
		}
	}
	if code, out, _ := cli(t, "", "token", "revoke", "--username", "ver1"); code != 0 || !strings.HasPrefix(out, "0 token") {
		t.Fatalf("second revoke: %d %q", code, out)
	}

	for _, args := range [][]string{
		{"user", "disable", "--username", "nobody"}, {"user", "enable"}, {"user", "password", "--username", "nobody"},
		{"token", "revoke", "--username", "nobody"}, {"token", "revoke"}, {"user", "delete", "--username", "ver1"},
		{"token", "list"}, {"user", "disable", "--username", "ver1", "extra"},
	} {
		if code, _, _ := cli(t, "kata-sandi-Baru-456\n", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestCheckCommandExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"reference_date":"2026-11-30","position":"pranata_komputer","level":"ahli_pertama",
		"route":"pengangkatan_pertama","candidate":{"nip":"199203152019031004","rank":"II/d"}}`), 0o600)
	code, out, _ := cli(t, "", "check", good)
	var res struct {
		Verdict string `json:"verdict"`
		Checks  []struct{ Rule, Result string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Verdict != "not_eligible" || len(res.Checks) != 19 {
		t.Fatalf("check: %d %s", code, out)
	}
	code, out, _ = cli(t, `{"position":"juru_masak","level":"ahli_pertama","route":"promosi","candidate":{"nip":"1"}}`, "check")
	var e struct{ Error, Field string }
	if code != 2 || json.Unmarshal([]byte(out), &e) != nil || e.Field != "position" {
		t.Fatalf("bad enum: %d %s", code, out)
	}
	if code, _, _ := cli(t, "", "check", filepath.Join(dir, "missing.json")); code != 2 {
		t.Fatalf("missing file: %d", code)
	}
}

func TestNoTokenForADisabledUser(t *testing.T) {
	t.Setenv("DATABASE_URL", dbtest.URL(t))
	t.Setenv("DATA_DIR", t.TempDir())
	if code, _, errs := cli(t, "rahasia-Sekali-123\n", "user", "create", "--username", "ver9", "--role", "verifikator"); code != 0 {
		t.Fatalf("create: %s", errs)
	}
	if code, _, _ := cli(t, "", "user", "disable", "--username", "ver9"); code != 0 {
		t.Fatal("disable failed")
	}
	if code, out, errs := cli(t, "", "token", "create", "--username", "ver9"); code != 2 || out != "" || !strings.Contains(errs, "nonaktif") {
		t.Fatalf("token for a disabled user: %d %q %q", code, out, errs)
	}
}

func TestOfficeListPrintsCodesWithoutAToken(t *testing.T) {
	t.Setenv("DATABASE_URL", dbtest.URL(t))
	t.Setenv("DATA_DIR", t.TempDir())
	code, out, errs := cli(t, "", "office", "list")
	if code != 0 {
		t.Fatalf("office list: %d %s", code, errs)
	}
	for _, want := range []string{"Kw.11     Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah (belum lengkap: alamat, nama kepala, NIP kepala)",
		"Kk.11.03  Kantor Kementerian Agama Kabupaten Purbalingga (belum lengkap: alamat, nama kepala, NIP kepala)"} {
		if !strings.Contains(out, want) {
			t.Errorf("office list lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 36 {
		t.Errorf("%d offices listed, want 36", n)
	}
}
