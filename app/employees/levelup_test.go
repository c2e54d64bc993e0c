package employees

import (
	"testing"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

// TestBatchListsEveryJFHolderWhoReachedTheNextLevel: a Pranata Komputer
// Ahli Pertama whose PAK reached 100 is listed for kenaikan jenjang to Ahli
// Muda even with several items still missing; one short of 100, or without
// a PAK, is not; the register keeps the current post and the PAK.
func TestBatchListsEveryJFHolderWhoReachedTheNextLevel(t *testing.T) {
	f := newFixture(t)
	holder := func(nip, name string, points *float64) eligibility.Candidate {
		c := ahmad()
		c.NIP, c.Name, c.Rank, c.BirthDate = nip, name, "III/b", models.Date{}
		c.CurrentPost = &eligibility.CurrentPost{Kind: models.PostJF, Position: models.PranataKomputer,
			Level: models.AhliPertama, TMT: models.MustDate("2022-01-01")}
		c.CreditPoints, c.CreditPointsDate = points, models.MustDate("2026-01-15")
		c.CompetencyTestPassed, c.HealthStatement = nil, nil // two items still missing
		return c
	}
	e := mustCreate(t, f, f.pbg, holder("199203152019031004", "Siap Naik", ptr(100.0)))
	mustCreate(t, f, f.pbg, holder("199204162019031005", "Kurang Sedikit", ptr(99.5)))
	mustCreate(t, f, f.pbg, holder("199205172019031006", "Tanpa PAK", nil))

	got, err := f.svc.Get(ctx, f.pbg, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Candidate.CurrentPost; p == nil || p.Level != models.AhliPertama || p.TMT != models.MustDate("2022-01-01") ||
		got.Candidate.CreditPoints == nil || *got.Candidate.CreditPoints != 100 || got.Candidate.CreditPointsDate != models.MustDate("2026-01-15") {
		t.Fatalf("register lost the post or the PAK: %+v", got.Candidate)
	}

	listed := map[string]Finding{}
	if err := f.svc.CheckRegister(ctx, f.pbg, 0, BatchOptions{AssumeVacancy: true}, func(x Finding) {
		if x.Target.Route == models.KenaikanJenjang {
			listed[x.Name+" "+string(x.Target.Level)] = x
		}
	}); err != nil {
		t.Fatal(err)
	}
	x, ok := listed["Siap Naik ahli_muda"]
	if !ok || x.Verdict != eligibility.Incomplete || x.Gap == nil || x.Gap.Rule != "competency_test" {
		t.Fatalf("the holder who reached 100 points: %+v (listed %v)", x, listed)
	}
	if len(listed) != 1 {
		t.Errorf("listed %v, want only Siap Naik for Ahli Muda", listed)
	}
}

// TestRecordReadsTheCurrentPostAndThePAK: the register form, the what-if
// form and the spreadsheet share ParseRecord; the post's TMT is the TMT of
// the current position.
func TestRecordReadsTheCurrentPostAndThePAK(t *testing.T) {
	t.Parallel()
	c, errs := ParseRecord(Record{"nip": "199203152019031004", "current_position_tmt": "01-01-2022",
		"current_post.kind": "JF", "current_post.position": "Pranata Komputer", "current_post.level": "Ahli Pertama",
		"credit_points": "112,5", "credit_points_date": "2026-01-15"})
	if len(errs) != 0 || c.CurrentPost == nil || *c.CurrentPost != (eligibility.CurrentPost{Kind: models.PostJF,
		Position: models.PranataKomputer, Level: models.AhliPertama, TMT: models.MustDate("2022-01-01")}) ||
		c.CreditPoints == nil || *c.CreditPoints != 112.5 || c.CreditPointsDate != models.MustDate("2026-01-15") {
		t.Fatalf("%+v %v", c, errs)
	}
	if r := ToRecord(c); r["credit_points"] != "112,5" || r["current_post.level"] != "ahli_pertama" || r["current_position_tmt"] != "2022-01-01" {
		t.Errorf("ToRecord: %v", r)
	}
	_, errs = ParseRecord(Record{"current_post.kind": "direktur", "credit_points": "-1", "credit_points_date": "9999-12-31"})
	if errs["current_post.kind"] == "" || errs["credit_points"] == "" || errs["credit_points_date"] == "" {
		t.Errorf("bad values accepted: %v", errs)
	}
	_, errs = ParseRecord(Record{"current_post.kind": "jf", "current_post.position": "pranata_komputer"})
	if errs["current_post.level"] != "Pilih jenjang jabatan fungsional saat ini." {
		t.Errorf("jf without level: %v", errs)
	}
}
