package reports_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

func (e *env) employee(office string, nip, name, birth, rank string, extra ...map[string]any) {
	e.t.Helper()
	var officeID int64
	if err := e.db.NewSelect().Table("offices").Column("id").Where("code = ?", office).Scan(e.ctx, &officeID); err != nil {
		e.t.Fatal(err)
	}
	m := map[string]any{"nip": nip, "name": name, "birth_date": birth, "rank": rank}
	for _, x := range extra {
		for k, v := range x {
			m[k] = v
		}
	}
	data, _ := json.Marshal(m)
	if _, err := e.db.NewInsert().Model(&models.Employee{OfficeID: officeID, NIP: nip, Name: name, Data: string(data),
		Version: 1, CreatedAt: e.clk.Now(), UpdatedAt: e.clk.Now()}).Exec(e.ctx); err != nil {
		e.t.Fatal(err)
	}
}

func TestForecastListsPensionsTransferLimitsAndHoldersFromCompletedProposals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ps := e.seed() // now: 1 June 2026; P1 (Kk.11.03, Calon 1) is verified
	e.do(e.ver, ps["P1"], workflow.ActForward)
	cur, _ := e.wf.Get(e.ctx, e.admin, ps["P1"].ID)
	in := workflow.TransitionInput{Action: workflow.ActComplete, Version: cur.Version, DecreeNumber: "B-1/Kw.11/KP.07.6/06/2026",
		DecreeDate: models.MustDate("2026-06-01")}
	if _, err := e.wf.Apply(e.ctx, e.ver, ps["P1"].ID, in); err != nil {
		t.Fatal(err)
	}
	e.clk.Set(e.clk.Now().Add(time.Hour))
	e.employee("Kk.11.03", cur.Candidates[0].NIP, "Calon 1", "1992-03-15", "III/a")
	// No JF post: BUP 58, born 10 September 1968 → pension 1 October 2026.
	e.employee("Kk.11.03", "196809101990031002", "Slamet", "1968-09-10", "III/d")
	// Transfer limit 53 for III/b: last day 19 February 2027 (within 12 months).
	e.employee("Kk.11.03", "197302201998032001", "Sri Wahyuni", "1973-02-20", "III/b")
	// Outside every horizon.
	e.employee("Kk.11.03", "198501012010011001", "Budi", "1985-01-01", "III/c")
	// The register's current post: Pranata Humas Ahli Pertama with 120
	// credit points (the next level needs 100), and one with 80.
	e.employee("Kk.11.03", "199001012015031001", "Rina", "1990-01-01", "III/b", map[string]any{
		"current_post":  map[string]any{"kind": "jf", "position": "pranata_humas", "level": "ahli_pertama", "tmt": "2022-01-01"},
		"credit_points": 120, "credit_points_date": "2026-01-15"})
	e.employee("Kk.11.03", "199102022016032002", "Dewi", "1991-02-02", "III/b", map[string]any{
		"current_post":  map[string]any{"kind": "jf", "position": "pranata_humas", "level": "ahli_pertama", "tmt": "2022-01-01"},
		"credit_points": 80, "credit_points_date": "2026-01-15"})
	// Another office: pension on 1 August 2026.
	e.employee("Kk.11.04", "196807011991031003", "Darto", "1968-07-01", "II/d")

	f, err := e.rep.Forecast(e.ctx, e.kpA, 24, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Offices) != 1 || f.Offices[0].Office != "Kk.11.03" || f.Until.String() != "2028-06-01" || f.LevelUps == nil {
		t.Fatalf("forecast %+v", f)
	}
	o := f.Offices[0]
	if o.NoJF || o.Holders[models.PranataKomputer][models.AhliPertama] != 1 || o.Holders[models.PranataHumas][models.AhliPertama] != 2 {
		t.Fatalf("holders %+v", o.Holders)
	}
	if l := *f.LevelUps; len(l) != 1 || l[0].Name != "Rina" || l[0].To != models.AhliMuda || l[0].CreditPoints != 120 ||
		l[0].Office != "Kk.11.03" || l[0].WhatIfURL == "" {
		t.Fatalf("level-ups %+v", l)
	}
	if len(o.Pensions) != 1 || o.Pensions[0] != (reports.QuarterCount{Quarter: "2026-Q4", Level: "", Count: 1}) {
		t.Fatalf("pensions %+v", o.Pensions)
	}
	if len(o.People) != 2 || o.People[0].Kind != "pension" || o.People[0].Name != "Slamet" || o.People[0].Date.String() != "2026-10-01" ||
		o.People[1].Kind != "transfer_limit" || o.People[1].Name != "Sri Wahyuni" || o.People[1].Date.String() != "2027-02-19" ||
		o.People[1].WhatIfURL == "" {
		t.Fatalf("people %+v", o.People)
	}
	all, err := e.rep.Forecast(e.ctx, e.ver, 24, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Offices) != 35 || !all.Offices[1].NoJF || all.Offices[3].Office != "Kk.11.04" || len(all.Offices[3].People) != 1 ||
		all.Offices[3].People[0].Date.String() != "2026-08-01" {
		t.Fatalf("province forecast %+v", all.Offices[3])
	}
}
