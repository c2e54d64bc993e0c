package staffing_test

import (
	"context"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/models"
)

var admin = access.Principal{Role: models.RoleAdmin}

func TestClassificationInForceFollowsItsValidityDatesToTheDay(t *testing.T) {
	db := dbtest.Open(t)
	ctx := context.Background()
	at := func(d string) string {
		t.Helper()
		c, err := staffing.ClassificationAt(ctx, db, models.KindStaffing, models.MustDate(d))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if got := at("2026-11-30"); got != "KP.00.1" {
		t.Fatalf("seeded classification %q", got)
	}
	// A new code from 1 January 2027 to 31 December 2027.
	if _, err := staffing.SaveClassification(ctx, db, admin, 0, staffing.ClassificationInput{Kind: "staffing", Code: "KP.01.2",
		Source: "uji", ValidFrom: models.MustDate("2027-01-01"), ValidTo: models.MustDate("2027-12-31")}, testNow); err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]string{"2026-12-31": "KP.00.1", "2027-01-01": "KP.01.2", "2027-12-31": "KP.01.2",
		"2028-01-01": "KP.00.1"} {
		if got := at(d); got != want {
			t.Errorf("on %s: %q, want %q", d, got, want)
		}
	}
	// JFT letters are untouched.
	if c, _ := staffing.ClassificationAt(ctx, db, models.KindJFT, models.MustDate("2027-06-01")); c != "KP.07.6" {
		t.Errorf("JFT classification %q", c)
	}
}

func TestReferenceInputIsCheckedFieldByField(t *testing.T) {
	db := dbtest.Open(t)
	ctx := context.Background()
	neg, big := input.Rupiah(-1), input.Rupiah(2_000_000_000)
	for name, in := range map[string]staffing.PayCapInput{
		"amount": {Year: 2026, Amount: &neg, Source: "x"}, "year": {Year: 1999, Amount: &big, Source: "x"},
		"source": {Year: 2026, Amount: &neg}, "office": {Year: 2026, Office: "Kk.99.99", Amount: &neg, Source: "x"},
		"mechanism": {Year: 2026, Mechanism: "kontrak", Amount: &neg, Source: "x"},
	} {
		_, err := staffing.SavePayCap(ctx, db, admin, 0, in, testNow)
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	lo, hi := 36, 35
	if _, err := staffing.SaveQualification(ctx, db, admin, 0, staffing.QualificationInput{Name: "x", Source: "y",
		AgeMin: &lo, AgeMax: &hi}, testNow); err == nil {
		t.Error("an age range with min above max was accepted")
	}
	lo = 35
	q, err := staffing.SaveQualification(ctx, db, admin, 0, staffing.QualificationInput{Name: "Satpam", EducationLevel: "SMA",
		Source: "praktik", AgeMin: &lo, AgeMax: &hi, ValidTo: models.MustDate("2026-12-31")}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	count := func(d string) int {
		qs, err := staffing.QualificationsAt(ctx, db, models.MustDate(d))
		if err != nil {
			t.Fatal(err)
		}
		return len(qs)
	}
	if count("2026-12-31") != 3 || count("2027-01-01") != 2 {
		t.Errorf("defaults in force: %d on the last day, %d the day after", count("2026-12-31"), count("2027-01-01"))
	}
	if err := staffing.DeleteQualification(ctx, db, access.Principal{Role: models.RoleOperator}, q.ID); err == nil {
		t.Error("an operator deleted a default qualification")
	}
	if err := staffing.DeleteQualification(ctx, db, admin, q.ID); err != nil {
		t.Fatal(err)
	}
	if err := staffing.DeleteQualification(ctx, db, admin, q.ID); err == nil {
		t.Error("deleting twice succeeded")
	}
}

// testNow is when these tests save reference data.
var testNow = time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)
