package web

import (
	"net/url"
	"strings"
	"testing"
)

// levelUpHolder is a Pranata Komputer Ahli Pertama whose latest PAK reached
// the 100 points Ahli Muda needs.
func levelUpHolder() map[string]any {
	c := candidate("199203152019031004", "Ahmad Fauzi, S.Kom.", "1992-03-15", "L")
	c["rank"] = "III/b"
	c["current_position"] = "Pranata Komputer Ahli Pertama"
	c["current_position_tmt"] = "2022-01-01"
	c["current_post"] = map[string]any{"kind": "jf", "position": "pranata_komputer", "level": "ahli_pertama", "tmt": "2022-01-01"}
	c["credit_points"] = 112.5
	c["credit_points_date"] = "2026-01-15"
	return c
}

// TestLevelUpThroughTheProduct: the register keeps the post and the PAK, the
// proposal form offers the route and fills them from the register, what-if
// and batch offer it, and the letter's Hal and nominative list name it.
func TestLevelUpThroughTheProduct(t *testing.T) {
	e := newEnv(t)
	emp := levelUpHolder()
	delete(emp, "vacancy_available")
	rec := e.employee("op_pbg", emp)
	b := e.browser()
	b.login("op_pbg")

	// The proposal form offers the route and copies the post and the PAK from the register.
	tok := b.csrf("/proposals/new")
	_, form := b.do("POST", "/proposals", url.Values{"_csrf": {tok}, "count": {"1"}, "do": {"pick"},
		"position": {"pranata_komputer"}, "level": {"ahli_muda"}, "route": {"kenaikan_jenjang"}, "pick": {"199203152019031004"}})
	for _, want := range []string{`<option value="kenaikan_jenjang" selected>Kenaikan Jenjang Jabatan</option>`,
		`name="c0_credit_points" value="112,5"`, `<option value="jf" selected>Jabatan Fungsional</option>`,
		`name="c0_current_position_tmt" value="2022-01-01"`, `name="c0_pak_date" value="2026-01-15"`} {
		if !strings.Contains(form, want) {
			t.Errorf("proposal form lacks %s", want)
		}
	}
	if !strings.Contains(between(form, `id="c0_post_level"`, `</select>`), `<option value="ahli_pertama" selected>`) {
		t.Error("proposal form does not fill the current level from the register")
	}

	// What-if offers the route; the level-up to Ahli Muda is eligible.
	_, whatif := b.do("GET", "/whatif", nil)
	if !strings.Contains(whatif, `<option value="kenaikan_jenjang">Kenaikan Jenjang Jabatan</option>`) {
		t.Error("what-if does not offer kenaikan jenjang")
	}

	_, whatif = b.do("GET", "/whatif?employee="+itoa(rec.ID)+"&position=pranata_komputer&level=ahli_muda&route=kenaikan_jenjang&reference_date=2026-11-30", nil)
	// Ahli Pertama since 2022, rated baik in 2024 and 2025: 12,5 × 2; the estimate is marked as such
	if !strings.Contains(whatif, "Perkiraan angka kredit dari SKP (bukan PAK)") || !strings.Contains(whatif, "25 dari SKP 2024–2025") {
		t.Errorf("what-if lacks the marked estimate: %s", between(whatif, "Perkiraan", "</dd>"))
	}

	// The batch lists him for Ahli Muda by kenaikan jenjang.
	_, batch := b.do("GET", "/batch?source=register&reference_date=2026-11-30&vacancy=1", nil)
	if !strings.Contains(between(batch, `id="hasil"`, `id="kolom"`), "Pranata Komputer Ahli Muda</td><td>Kenaikan Jenjang Jabatan</td>") {
		t.Error("the batch does not list the level-up")
	}

	// Filed through the API with a formation open: eligible, with the PAK on the checklist.
	if st := e.api("admin1", "POST", "/api/v1/formations", map[string]any{"office": "Kk.11.03", "position": "pranata_komputer",
		"level": "ahli_muda", "year": 2026, "quota": 1, "basis": "Peta jabatan 2026"}, nil); st != 201 {
		t.Fatalf("set quota: %d", st)
	}
	body := jftBody(levelUpHolder())
	body["level"], body["route"] = "ahli_muda", "kenaikan_jenjang"
	p := e.create("op_pbg", body)
	if p.Verdict != "eligible" || p.Level != "ahli_muda" {
		t.Fatalf("level-up proposal: %+v", p)
	}
	_, show := b.do("GET", "/proposals/"+itoa(p.ID), nil)
	if !strings.Contains(show, "Penetapan Angka Kredit (PAK) terakhir") {
		t.Error("the checklist lacks the PAK")
	}
	for _, want := range []string{"Pranata Komputer Ahli Pertama, TMT 1 Januari 2022", "112,5, PAK 15 Januari 2026"} {
		if !strings.Contains(show, want) {
			t.Errorf("the proposal page lacks %q", want)
		}
	}

	// The letter's Hal and the nominative list name the route.
	var raw []byte
	if st := e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &raw); st != 200 {
		t.Fatalf("letter: %d", st)
	}
	text := staffingPDFText(t, raw)
	for _, want := range []string{"UsulanKenaikanJenjangJabatanFungsionalPranataKomputerkeAhliMuda",
		"KenaikanjenjangkePranataKomputerAhliMuda", "DAFTARNOMINATIFUSULANKENAIKANJENJANGJABATANFUNGSIONALPRANATAKOMPUTERKEAHLIMUDA", "Angkakredit112,5(PAK15Januari2026)"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	if strings.Contains(text, "melaluiKenaikanJenjang") {
		t.Error("the Hal reads as an appointment 'melalui' the route")
	}
}
