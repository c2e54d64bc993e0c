package employees

import (
	"context"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

func TestAnotherOfficesEmployeeIsNotFoundEverywhere(t *testing.T) {
	f := newFixture(t)
	e := mustCreate(t, f, f.pbg, ahmad())

	if _, err := f.svc.Get(ctx, f.bjn, e.ID); err == nil {
		t.Fatal("Banjarnegara reads a Purbalingga employee by id")
	} else {
		wantStatus(t, err, 404, "get")
	}
	_, err := f.svc.GetByNIP(ctx, f.bjn, "199203152019031004")
	wantStatus(t, err, 404, "get by NIP")
	_, err = f.svc.Update(ctx, f.bjn, e.ID, e.Version, siti())
	wantStatus(t, err, 404, "update")
	wantStatus(t, f.svc.Delete(ctx, f.bjn, e.ID), 404, "delete")
	_, err = f.svc.Candidates(ctx, f.bjn, []int64{e.ID})
	wantStatus(t, err, 404, "candidates for filing")
	rows, total, err := f.svc.List(ctx, f.bjn, Filter{Office: "Kk.11.03"})
	if err != nil || total != 0 || len(rows) != 0 {
		t.Fatalf("list of another office: %d rows, total %d, %v", len(rows), total, err)
	}
	// A regency role naming another office still walks its own register.
	if err := f.svc.Each(ctx, f.bjn, e.OfficeID(), func(*Employee) error {
		t.Fatal("Each handed over another office's employee")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The register batch of a regency role is always its own office.
	n := 0
	if err := f.svc.CheckRegister(ctx, f.bjn, e.OfficeID(), BatchOptions{AssumeVacancy: true}, func(Finding) { n++ }); err != nil || n != 0 {
		t.Fatalf("batch of Banjarnegara found %d Purbalingga rows (%v)", n, err)
	}

	// The same office, any role in it, and the province do see it.
	if _, err := f.svc.Get(ctx, f.pbg2, e.ID); err != nil {
		t.Fatalf("kepala of the same office: %v", err)
	}
	for _, p := range []string{"ver", "adm"} {
		pr := f.ver
		if p == "adm" {
			pr = f.adm
		}
		got, err := f.svc.Get(ctx, pr, e.ID)
		if err != nil || got.Office != "Kk.11.03" {
			t.Fatalf("%s reads the register: %v", p, err)
		}
		_, err = f.svc.Update(ctx, pr, e.ID, got.Version, siti())
		wantStatus(t, err, 403, p+" edits")
	}
}

func TestNIPIsUniqueAcrossTheProvince(t *testing.T) {
	f := newFixture(t)
	mustCreate(t, f, f.pbg, ahmad())
	c := ahmad()
	c.NIP = "199203152019031004" // same digits, no spaces
	_, err := f.svc.Create(ctx, f.pbg2, c)
	if e := wantStatus(t, err, 409, "same office"); e.Fields["nip"] == "" {
		t.Fatalf("no field error on nip: %+v", e)
	}
	_, err = f.svc.Create(ctx, f.bjn, c)
	e := wantStatus(t, err, 409, "another office")
	if strings.Contains(e.Fields["nip"], "Purbalingga") || strings.Contains(e.Message, "Kk.11.03") {
		t.Fatalf("the refusal names the other office: %+v", e)
	}
	// Changing an employee's NIP to a taken one is refused too.
	s := mustCreate(t, f, f.pbg, siti())
	_, err = f.svc.Update(ctx, f.pbg, s.ID, s.Version, c)
	wantStatus(t, err, 409, "update to a taken NIP")
}

func TestRegisterRefusesBadDataWithAMessagePerField(t *testing.T) {
	f := newFixture(t)
	c := ahmad()
	c.NIP = "19920315201903100"
	c.Name = "  "
	c.Rank = "III/f"
	_, err := f.svc.Create(ctx, f.pbg, c)
	e := wantStatus(t, err, 400, "bad data")
	for _, k := range []string{"nip", "name", "rank"} {
		if e.Fields[k] == "" {
			t.Errorf("no message for %s: %+v", k, e.Fields)
		}
	}
}

func TestRegisterTakesBirthDateAndGenderFromTheNIP(t *testing.T) {
	f := newFixture(t)
	c := ahmad()
	c.BirthDate, c.Gender = models.Date{}, ""
	e := mustCreate(t, f, f.pbg, c)
	if e.Candidate.NIP != "199203152019031004" || e.Candidate.BirthDate != models.MustDate("1992-03-15") || e.Candidate.Gender != models.Male {
		t.Fatalf("stored %+v", e.Candidate)
	}
	if e.Candidate.VacancyAvailable != nil {
		t.Fatal("a formation was stored as an employee's datum")
	}
}

func TestTwoEditsFromTheSameVersionConflict(t *testing.T) {
	f := newFixture(t)
	e := mustCreate(t, f, f.pbg, ahmad())
	a := e.Candidate
	a.Rank = "III/b"
	if _, err := f.svc.Update(ctx, f.pbg, e.ID, e.Version, a); err != nil {
		t.Fatal(err)
	}
	b := e.Candidate
	b.EducationField = "Sistem Informasi"
	_, err := f.svc.Update(ctx, f.pbg2, e.ID, e.Version, b)
	wantStatus(t, err, 409, "second edit from the same version")
	got, _ := f.svc.Get(ctx, f.pbg, e.ID)
	if got.Candidate.Rank != "III/b" || got.Candidate.EducationField != "Teknik Informatika" || got.Version != 2 {
		t.Fatalf("after the conflict: %+v v%d", got.Candidate, got.Version)
	}
}

func TestListSearchesNameAndNIPAndPaginates(t *testing.T) {
	f := newFixture(t)
	mustCreate(t, f, f.pbg, ahmad())
	mustCreate(t, f, f.pbg, siti())
	for i := 0; i < 23; i++ {
		c := ahmad()
		c.NIP = "1990010120150110" + string(rune('1'+i/9)) + string(rune('1'+i%9))
		c.Name = "Pegawai " + string(rune('A'+i))
		c.BirthDate, c.Gender = models.Date{}, "" // from the NIP
		mustCreate(t, f, f.pbg, c)
	}
	bj := ahmad()
	bj.NIP, bj.Name = "198501012010011001", "Siti Banjarnegara"
	bj.BirthDate, bj.Gender = models.Date{}, ""
	mustCreate(t, f, f.bjn, bj)

	rows, total, err := f.svc.List(ctx, f.pbg, Filter{Q: "SITI"})
	if err != nil || total != 1 || rows[0].Name != "Siti Nur\u2019aini, S.I.Kom." {
		t.Fatalf("name search: %+v %d %v", rows, total, err)
	}
	rows, total, _ = f.svc.List(ctx, f.pbg, Filter{Q: "19920315 2019"})
	if total != 1 || rows[0].NIP != "199203152019031004" {
		t.Fatalf("NIP prefix search: %+v", rows)
	}
	_, total, _ = f.svc.List(ctx, f.pbg, Filter{Q: "100%_"})
	if total != 0 {
		t.Fatalf("LIKE wildcards are not escaped: %d", total)
	}
	rows, total, _ = f.svc.List(ctx, f.pbg, Filter{Page: 2, PerPage: 10})
	if total != 25 || len(rows) != 10 {
		t.Fatalf("page 2: %d rows of %d", len(rows), total)
	}
	_, total, _ = f.svc.List(ctx, f.ver, Filter{Q: "siti"})
	if total != 2 {
		t.Fatalf("province sees %d Sitis, want 2", total)
	}
	_, total, _ = f.svc.List(ctx, f.ver, Filter{Q: "siti", Office: "Kk.11.04"})
	if total != 1 {
		t.Fatalf("province filtered by office: %d", total)
	}
}

func TestNearIsEligibleOrOneItemShort(t *testing.T) {
	res := func(results ...string) eligibility.Result {
		r := eligibility.Result{Verdict: eligibility.Eligible}
		for i, x := range results {
			r.Checks = append(r.Checks, eligibility.Outcome{Rule: "r" + itoa(i), Result: x})
			switch x {
			case eligibility.Fail:
				r.Verdict = eligibility.NotEligible
			case eligibility.Missing, eligibility.Manual:
				if r.Verdict == eligibility.Eligible {
					r.Verdict = eligibility.Incomplete
				}
			}
		}
		return r
	}
	for _, tc := range []struct {
		in      []string
		ok      bool
		gapRule string
	}{
		{[]string{"pass", "pass", "not_applicable"}, true, ""},
		{[]string{"pass", "missing", "pass"}, true, "r1"},
		{[]string{"manual", "pass"}, true, "r0"},
		{[]string{"missing", "manual"}, false, ""},
		{[]string{"pass", "fail"}, false, ""},
		{[]string{"missing", "fail"}, false, ""},
	} {
		ok, gap := Near(res(tc.in...))
		if ok != tc.ok || (gap == nil) != (tc.gapRule == "") || (gap != nil && gap.Rule != tc.gapRule) {
			t.Errorf("%v: ok=%v gap=%v", tc.in, ok, gap)
		}
	}
}

func TestBatchOverTheRegisterFindsWhoCanBeProposed(t *testing.T) {
	f := newFixture(t)
	mustCreate(t, f, f.pbg, ahmad())
	old := ahmad()
	old.NIP, old.Name, old.BirthDate = "196801152000031001", "Pak Tua", models.MustDate("1968-01-15")
	mustCreate(t, f, f.pbg, old)

	collect := func(o BatchOptions) map[string]Finding {
		out := map[string]Finding{}
		if err := f.svc.CheckRegister(ctx, f.pbg, 0, o, func(x Finding) {
			out[x.NIP+" "+string(x.Target.Position)+" "+string(x.Target.Level)+" "+string(x.Target.Route)] = x
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// Without a formation answer, the formation is the one item short.
	got := collect(BatchOptions{})
	x, ok := got["199203152019031004 pranata_komputer ahli_pertama pengangkatan_pertama"]
	if !ok || x.Verdict != eligibility.Incomplete || x.Gap == nil || x.Gap.Rule != "vacancy" {
		t.Fatalf("Ahmad, PK Ahli Pertama, first appointment: %+v", x)
	}
	// Assuming the formation is open, he is eligible.
	got = collect(BatchOptions{AssumeVacancy: true})
	x = got["199203152019031004 pranata_komputer ahli_pertama pengangkatan_pertama"]
	if x.Verdict != eligibility.Eligible || x.Gap != nil {
		t.Fatalf("with the formation open: %+v", x)
	}
	// Rank III/a is outside Ahli Muda (III/c–III/d): not listed at all.
	if _, ok := got["199203152019031004 pranata_komputer ahli_muda pengangkatan_pertama"]; ok {
		t.Fatal("a failing target was listed")
	}
	// Pak Tua (58 in January 2026) is past retirement for every level with BUP 58.
	for k := range got {
		if strings.HasPrefix(k, "196801152000031001") && strings.Contains(k, "ahli_pertama") {
			t.Fatalf("retired employee listed: %s", k)
		}
	}
	// A provincial role must name the office.
	wantStatus(t, f.svc.CheckRegister(ctx, f.ver, 0, BatchOptions{}, func(Finding) {}), 400, "province without office")

	// The formations ledger, when wired, decides instead.
	f.svc.Vacancy = func(_ context.Context, _ int64, t eligibility.Target, _ models.Date) *bool {
		v := t.Level == models.AhliPertama
		return &v
	}
	got = collect(BatchOptions{})
	if got["199203152019031004 pranata_komputer ahli_pertama pengangkatan_pertama"].Verdict != eligibility.Eligible {
		t.Fatal("ledger said open, not eligible")
	}
}

func TestABirthDateOrGenderThatContradictsTheNIPIsAFieldError(t *testing.T) {
	f := newFixture(t)
	c := ahmad()
	c.BirthDate = models.MustDate("1992-03-16")
	c.Gender = "P"
	_, err := f.svc.Create(context.Background(), f.pbg, c)
	if e := wantStatus(t, err, 400, "contradicting data"); e.Fields["birth_date"] == "" || e.Fields["gender"] == "" {
		t.Fatalf("contradicting data: %+v", e.Fields)
	}
	c.BirthDate, c.Gender = models.Date{}, ""
	got, err := f.svc.Create(context.Background(), f.pbg, c)
	if err != nil || got.Candidate.BirthDate.String() != "1992-03-15" || got.Candidate.Gender != "L" {
		t.Fatalf("blank fields taken from the NIP: %v %+v", err, got)
	}
}

func TestBatchNamesEveryoneWithNoPossibleTargetAndWhy(t *testing.T) {
	f := newFixture(t)
	mustCreate(t, f, f.pbg, ahmad())
	old := ahmad()
	old.NIP, old.Name, old.BirthDate = "196801152000031001", "Pak Tua", models.MustDate("1968-01-15")
	mustCreate(t, f, f.pbg, old)
	low := ahmad()
	low.NIP, low.Name, low.Rank, low.BirthDate = "199001012015011001", "Pak Golongan Dua", "II/a", models.MustDate("1990-01-01")
	mustCreate(t, f, f.pbg, low)

	found := map[string]int{}
	var misses []Miss
	o := BatchOptions{AssumeVacancy: true, OnMiss: func(m Miss) { misses = append(misses, m) }}
	if err := f.svc.CheckRegister(ctx, f.pbg, 0, o, func(x Finding) { found[x.NIP]++ }); err != nil {
		t.Fatal(err)
	}
	if found["199203152019031004"] == 0 || len(found) != 1 {
		t.Fatalf("findings per NIP: %v, want Ahmad only", found)
	}
	if len(misses) != 2 {
		t.Fatalf("%d misses, want Pak Tua and Pak Golongan Dua: %+v", len(misses), misses)
	}
	// In register order (by name), each with the nearest target and the
	// one rule that keeps them from it.
	want := []struct {
		nip, rule string
		target    eligibility.Target
	}{
		{"199001012015011001", "rank_range", eligibility.Target{Position: models.PranataKomputer, Level: models.Terampil, Route: models.PengangkatanPertama}},
		{"196801152000031001", "retirement_age", eligibility.Target{Position: models.PranataKomputer, Level: models.Mahir, Route: models.PengangkatanPertama}},
	}
	for i, w := range want {
		m := misses[i]
		if m.NIP != w.nip || m.EmployeeID == 0 || m.Nearest != w.target || len(m.Reasons) != 1 ||
			m.Reasons[0].Rule != w.rule || m.Reasons[0].Result != eligibility.Fail {
			t.Errorf("miss %d: %+v, want %s nearest %v failing %s", i, m, w.nip, w.target, w.rule)
		}
	}
}
