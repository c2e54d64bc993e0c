package employees

import (
	"context"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/auth/authtest"
	"github.com/kemenagjateng/usulan/app/clock"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

var ctx = context.Background()

// fixture is a register on a fresh database with principals of two regency
// offices (Purbalingga, Banjarnegara) and the province.
type fixture struct {
	svc           *Service
	pbg, pbg2     access.Principal // operator and kepala of Kk.11.03
	bjn, ver, adm access.Principal
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	t.Parallel() // every test has a database of its own
	d := dbtest.Open(t)
	svc := New(d, clock.NewManual(time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)))
	f := &fixture{svc: svc}
	for _, u := range []struct {
		name, role, office string
		dst                *access.Principal
	}{
		{"op_pbg", "operator", "Kk.11.03", &f.pbg}, {"kp_pbg", "kepala", "Kk.11.03", &f.pbg2},
		{"op_bjn", "operator", "Kk.11.04", &f.bjn}, {"ver1", "verifikator", "", &f.ver}, {"admin1", "admin", "", &f.adm},
	} {
		if _, err := authtest.New(d, svc.Clock).CreateUser(ctx, auth.NewUser{Username: u.name, Name: u.name, Role: models.Role(u.role),
			OfficeCode: u.office, Password: "rahasia-Sekali-123"}); err != nil {
			t.Fatal(err)
		}
		usr, err := auth.UserByUsername(ctx, d, u.name)
		if err != nil {
			t.Fatal(err)
		}
		*u.dst = access.FromUser(usr)
	}
	return f
}

func ptr[T any](v T) *T { return &v }

// ahmad qualifies for Pranata Komputer Ahli Pertama by first appointment on
// 2026-11-30, except for the formation, which no employee carries.
func ahmad() eligibility.Candidate {
	return eligibility.Candidate{NIP: "19920315 201903 1 004", Name: "Ahmad Fauzi, S.Kom.", BirthDate: models.MustDate("1992-03-15"),
		Gender: models.Male, EmploymentStatus: models.EmploymentPNS, Rank: "III/a", EducationLevel: models.EduS1,
		EducationField:   "Teknik Informatika",
		Performance:      map[string]models.PerformanceRating{"2025": "baik", "2024": "baik"},
		ExperienceMonths: ptr(30), CompetencyTestPassed: ptr(true),
		Discipline:      &eligibility.Discipline{Ongoing: ptr(false)},
		HealthStatement: ptr(true), IntegrityStatement: ptr(true)}
}

func siti() eligibility.Candidate {
	c := ahmad()
	c.NIP, c.Name, c.BirthDate, c.Gender = "199508172020122003", "Siti Nur\u2019aini, S.I.Kom.", models.MustDate("1995-08-17"), models.Female
	c.EducationField = "Ilmu Komunikasi"
	return c
}

func mustCreate(t *testing.T, f *fixture, p access.Principal, c eligibility.Candidate) *Employee {
	t.Helper()
	e, err := f.svc.Create(ctx, p, c)
	if err != nil {
		t.Fatalf("create %s: %v", c.Name, err)
	}
	return e
}

func wantStatus(t *testing.T, err error, status int, what string) *apperror.Error {
	t.Helper()
	e, ok := apperror.As(err)
	if !ok || e.Status != status {
		t.Fatalf("%s: got %v, want status %d", what, err, status)
	}
	return e
}
