package eligibility

import (
	"strings"

	"github.com/kemenagjateng/usulan/models"
)

// positionRegulation is the regulation that sets up each position and its
// levels: Pranata Komputer PermenPANRB 32/2020 [H], Pranata Humas
// PermenPANRB 6/2014 [H] (no Ahli Utama; its keterampilan levels were once
// called Pelaksana, Pelaksana Lanjutan, Penyelia).
var positionRegulation = map[models.Position]string{
	models.PranataKomputer: "PermenPANRB 32/2020",
	models.PranataHumas:    "PermenPANRB 6/2014",
}

// ---- level_exists: the position has the level (models.Position.HasLevel) ----

var ruleLevelExists = rule{
	ID:    "level_exists",
	Label: "Jenjang jabatan tersedia pada jabatan fungsional tersebut",
	check: checkLevelExists,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, p := range models.AllPositions() {
			var names []string
			for _, l := range p.Levels() {
				names = append(names, l.Label())
			}
			out = append(out, staticParam("level_exists", "Jenjang "+p.Label(), strings.Join(names, ", "),
				positionRegulation[p], High, ""))
		}
		return out
	},
}

func checkLevelExists(e *evaluation) (string, string) {
	basis := positionRegulation[e.req.Position]
	if basis == "" {
		basis = "PermenPANRB 32/2020; PermenPANRB 6/2014"
	}
	if e.req.Position.HasLevel(e.req.Level) {
		e.positionName().s(" memiliki jenjang ").levelName()
		return Pass, basis
	}
	e.positionName().s(" tidak memiliki jenjang ").levelName()
	return Fail, basis
}

// ---- route_open: penyesuaian only inside a window set for the position ----

// adjustmentWindows are the periods in which penyesuaian (inpassing) into a
// position is open (PP 11/2017 Pasal 77(3) [H]). A position with no window in
// force is closed. Pranata Komputer: closed after 2021-04-06 [H]; its opening
// date is not modelled (the window is open for every earlier date).
var adjustmentWindows = map[models.Position]dated[struct{}]{
	models.PranataKomputer: {
		{To: models.Date{Year: 2021, Month: 4, Day: 6},
			Source: "Peraturan BPS 7/2019; surat BPS tentang berakhirnya masa penyesuaian Pranata Komputer", Confidence: High,
			Note: "Tanggal mulai masa penyesuaian tidak dimodelkan; nomor surat BPS belum dicatat"},
	},
}

const basisRouteOpen = "PP 11/2017 Pasal 77(3)"

var ruleRouteOpen = rule{
	ID:    "route_open",
	Label: "Masa penyesuaian/inpassing masih dibuka",
	check: checkRouteOpen,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, p := range models.AllPositions() {
			if w, ok := adjustmentWindows[p]; ok {
				out = append(out, w.infos("route_open", "Masa penyesuaian "+p.Label(),
					func(struct{}) string { return "dibuka" })...)
			} else {
				out = append(out, staticParam("route_open", "Masa penyesuaian "+p.Label(), "tidak ada (tertutup)",
					basisRouteOpen, High, "Tanpa masa penyesuaian yang ditetapkan, jalur penyesuaian tertutup"))
			}
		}
		return out
	},
}

func checkRouteOpen(e *evaluation) (string, string) {
	if e.req.Route != models.Penyesuaian {
		e.s("masa penyesuaian tidak diperiksa pada jalur ").routeName()
		return NotApplicable, basisRouteOpen
	}
	windows := adjustmentWindows[e.req.Position]
	if w := windows.at(e.ref); w != nil {
		e.s("masa penyesuaian ").positionName().s(" masih dibuka pada ").date(e.ref)
		if !w.To.IsZero() {
			e.s(" (sampai dengan ").date(w.To).s(")")
		}
		return Pass, w.Source
	}
	if len(windows) == 0 {
		e.s("tidak ada masa penyesuaian yang ditetapkan untuk ").positionName().s("; jalur penyesuaian tertutup")
		return Fail, basisRouteOpen
	}
	// The closest window: the last one that ended before the reference date,
	// or the first one if all lie after it.
	last := &windows[0]
	for i := range windows {
		if !windows[i].To.IsZero() && dayKey(windows[i].To) < dayKey(e.ref) {
			last = &windows[i]
		}
	}
	if !last.To.IsZero() && dayKey(last.To) < dayKey(e.ref) {
		e.s("masa penyesuaian ").positionName().s(" berakhir ").date(last.To).
			s("; tanggal acuan ").date(e.ref).s(" di luar masa penyesuaian")
	} else {
		e.s("masa penyesuaian ").positionName().s(" baru dibuka ").date(last.From).
			s("; tanggal acuan ").date(e.ref).s(" di luar masa penyesuaian")
	}
	return Fail, last.Source
}

// ---- rank_range: the golongan lies in the level's range [M] ----

type rankRange struct{ Min, Max models.Rank }

// jfRankRanges is the golongan range of each level, the same for both
// positions (ELIGIBILITY.md §2 [M]); Ahli Utama exists for Pranata Komputer only.
var jfRankRanges = map[models.Level]rankRange{
	models.Terampil:    {"II/c", "II/d"},
	models.Mahir:       {"III/a", "III/b"},
	models.Penyelia:    {"III/c", "III/d"},
	models.AhliPertama: {"III/a", "III/b"},
	models.AhliMuda:    {"III/c", "III/d"},
	models.AhliMadya:   {"IV/a", "IV/c"},
	models.AhliUtama:   {"IV/d", "IV/e"},
}

var rankRanges = map[models.Position]param[map[models.Level]rankRange]{
	models.PranataKomputer: {Value: jfRankRanges, Source: "PermenPANRB 32/2020", Confidence: Medium},
	models.PranataHumas:    {Value: jfRankRanges, Source: "PermenPANRB 6/2014", Confidence: Medium},
}

var ruleRankRange = rule{
	ID:    "rank_range",
	Label: "Pangkat/golongan sesuai jenjang jabatan",
	check: checkRankRange,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, p := range models.AllPositions() {
			t := rankRanges[p]
			for _, l := range p.Levels() {
				r := t.Value[l]
				out = append(out, staticParam("rank_range", "Golongan "+p.Label()+" "+l.Label(),
					string(r.Min)+"–"+string(r.Max), t.Source, t.Confidence, ""))
			}
		}
		return out
	},
}

func checkRankRange(e *evaluation) (string, string) {
	t, ok := rankRanges[e.req.Position]
	basis := t.Source
	if !ok {
		basis = "PermenPANRB 32/2020; PermenPANRB 6/2014"
	}
	r, ok := t.Value[e.req.Level]
	if !ok || !e.req.Position.HasLevel(e.req.Level) {
		e.s("tidak ada rentang golongan: ").positionName().s(" tidak memiliki jenjang ").levelName()
		return NotApplicable, basis
	}
	levelUp := ""
	if e.req.Route == models.KenaikanJenjang {
		// From the top of the current level's range to the top of the
		// target's (PermenPUPR 4/2024 Pasal 36(3) as the pattern [M]).
		if below := e.req.Level.Below(); below != "" {
			if br, ok := t.Value[below]; ok {
				r.Min = br.Max
				levelUp = " pada Kenaikan Jenjang Jabatan"
				basis += "; PermenPUPR 4/2024 Pasal 36(3) (pola)"
			}
		}
	}
	g := e.c.Rank
	switch {
	case g == "":
		e.s("pangkat/golongan tidak diisi; rentang ").levelName().s(" ").s(string(r.Min)).s("–").s(string(r.Max))
		return Missing, basis
	case !g.Valid():
		e.s("golongan ").q(string(g)).s(" tidak dikenal")
		return Fail, basis
	case g.Order() < r.Min.Order() || g.Order() > r.Max.Order():
		e.s("golongan ").s(string(g)).s(" di luar rentang ").levelName().s(levelUp).s(" (").s(string(r.Min)).s("–").s(string(r.Max)).s(")")
		return Fail, basis
	}
	e.s("golongan ").s(string(g)).s(" dalam rentang ").levelName().s(levelUp).s(" (").s(string(r.Min)).s("–").s(string(r.Max)).s(")")
	return Pass, basis
}
