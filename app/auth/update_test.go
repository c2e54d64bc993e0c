package auth

import (
	"context"
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/models"
)

func ptr(s string) *string { return &s }

func events(t *testing.T, s *Service, action string) []audit.Entry {
	t.Helper()
	rows, _, err := audit.List(context.Background(), s.DB, audit.Filter{Action: action, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestUpdateUserValidatesAuditsAndEndsSessionsOnARoleChange: NIP 18 digits,
// a known office that suits the role; the change and its event together;
// a role or office change ends the sessions, a NIP change does not.
func TestUpdateUserValidatesAuditsAndEndsSessionsOnARoleChange(t *testing.T) {
	_, s, us := setup(t, "ani")
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: 99, Name: "admin1"})
	id := us["ani"].ID
	if n := len(events(t, s, audit.UserCreate)); n != 1 {
		t.Fatalf("%d user.create events, want 1", n)
	}
	_, err := s.UpdateUser(ctx, id, UserChanges{NIP: ptr("1980"), Email: ptr("bukan e-mail"), Office: ptr("Kk.99.99")})
	e, ok := apperror.As(err)
	if !ok || e.Status != 400 || e.Fields["nip"] == "" || e.Fields["email"] == "" || e.Fields["office"] != "Kode kantor tidak dikenal." {
		t.Fatalf("bad NIP, e-mail and office: %v", err)
	}
	// A regency role needs an office; a verifier may not have a Kankemenag.
	if _, err := s.UpdateUser(ctx, id, UserChanges{Role: ptr("operator")}); !hasField(err, "office") {
		t.Fatalf("operator without an office: %v", err)
	}
	if _, err := s.UpdateUser(ctx, id, UserChanges{Office: ptr("Kk.11.03")}); !hasField(err, "office") {
		t.Fatalf("verifier with a Kankemenag: %v", err)
	}
	if n := len(events(t, s, audit.UserUpdate)); n != 0 {
		t.Fatalf("%d events after refused changes, want 0", n)
	}
	ch, err := s.UpdateUser(ctx, id, UserChanges{Name: ptr("Ani Rahmawati, S.Kom."), NIP: ptr("19800101 200501 2 002")})
	if err != nil || len(ch) != 2 || ch["nip"].After != "198001012005012002" {
		t.Fatalf("name and NIP: %+v %v", ch, err)
	}
	u, _ := GetUser(ctx, s.DB, id)
	if u.NIP != "198001012005012002" || u.SessionsAfter != nil {
		t.Fatalf("after a NIP change: nip %q, sessions_after %v (a NIP change keeps the sessions)", u.NIP, u.SessionsAfter)
	}
	// To operator at Kk.11.03: the sessions end.
	if _, err := s.UpdateUser(ctx, id, UserChanges{Role: ptr("operator"), Office: ptr("Kk.11.03")}); err != nil {
		t.Fatal(err)
	}
	u, _ = GetUser(ctx, s.DB, id)
	if u.Role != models.RoleOperator || u.Office == nil || u.Office.Code != "Kk.11.03" || u.SessionsAfter == nil {
		t.Fatalf("after the role change: %+v", u)
	}
	// Back to verifier without naming the office: it is cleared.
	if ch, err := s.UpdateUser(ctx, id, UserChanges{Role: ptr("verifikator")}); err != nil || ch["office"] != (Change{"Kk.11.03", ""}) {
		t.Fatalf("back to verifier: %+v %v", ch, err)
	}
	// Nothing changed: no event.
	if _, err := s.UpdateUser(ctx, id, UserChanges{Name: ptr("Ani Rahmawati, S.Kom.")}); err != nil {
		t.Fatal(err)
	}
	rows := events(t, s, audit.UserUpdate)
	if len(rows) != 3 {
		t.Fatalf("%d user.update events, want 3", len(rows))
	}
	first := rows[2] // newest first
	nip, _ := first.DetailMap()["nip"].([]any)
	if first.Actor != "admin1" || first.Subject != audit.UserSubject(id, "ani") || len(nip) != 2 || nip[0] != "" || nip[1] != "198001012005012002" {
		t.Fatalf("first update's event: %+v", first)
	}
	if _, err := s.UpdateUser(ctx, 999999, UserChanges{Name: ptr("x")}); status(err) != 404 {
		t.Fatalf("unknown user: %v", err)
	}
}

func hasField(err error, f string) bool {
	e, ok := apperror.As(err)
	return ok && e.Status == 400 && e.Fields[f] != ""
}

// TestAChangeWhoseEventCannotBeWrittenIsNotMade: the event is written in
// the change's transaction, so when it cannot be written (here: the table
// is gone) the change is rolled back — and a change refused by the
// database leaves no event.
func TestAChangeWhoseEventCannotBeWrittenIsNotMade(t *testing.T) {
	d, s, us := setup(t, "ani")
	ctx := context.Background()
	id := us["ani"].ID
	if _, err := d.ExecContext(ctx, "ALTER TABLE audit_events RENAME TO audit_events_away"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateUser(ctx, id, UserChanges{NIP: ptr("198001012005012002")}); err == nil {
		t.Fatal("update succeeded without its event")
	}
	if err := s.SetActive(ctx, id, false); err == nil {
		t.Fatal("disable succeeded without its event")
	}
	if _, err := s.CreateToken(ctx, "ani"); err == nil {
		t.Fatal("a token was issued without its event")
	}
	if _, err := s.CreateUser(ctx, NewUser{Username: "budi", Role: models.RoleVerifikator, Password: pw}); err == nil {
		t.Fatal("a user was created without its event")
	}
	if _, err := d.ExecContext(ctx, "ALTER TABLE audit_events_away RENAME TO audit_events"); err != nil {
		t.Fatal(err)
	}
	u, _ := GetUser(ctx, d, id)
	if u.NIP != "" || !u.Active {
		t.Fatalf("changes made without their events: %+v", u)
	}
	if sum, _ := Tokens(ctx, d, id); sum.Count != 0 {
		t.Fatalf("%d tokens issued without their event", sum.Count)
	}
	if _, err := UserByUsername(ctx, d, "budi"); status(err) != 404 {
		t.Fatalf("budi exists: %v", err)
	}
	// The other way round: a change the database refuses (a username taken
	// meanwhile, past the service's own check) leaves no event.
	before := len(events(t, s, audit.UserCreate))
	if _, err := d.ExecContext(ctx, "CREATE UNIQUE INDEX users_name_once ON users (name)"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, NewUser{Username: "citra", Name: "", Role: models.RoleVerifikator, Password: pw}); err == nil {
		t.Fatal("a second user with an empty name passed the unique index")
	}
	if n := len(events(t, s, audit.UserCreate)); n != before {
		t.Fatalf("%d user.create events after a refused insert, want %d", n, before)
	}
}
