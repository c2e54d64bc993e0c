package views

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"

	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/models"
)

func sampleMap() *reports.Map {
	fig := func(total int, median int64) reports.Figures {
		return reports.Figures{Total: total, ByStatus: map[models.Status]int{models.StatusSubmitted: total},
			TimeInState:   map[models.Status]reports.Stat{models.StatusSubmitted: {Count: total, MedianS: median, P90S: 2 * median}},
			OpenObstacles: map[string]int{"sdm": 1}, Rounds: 1.25}
	}
	return &reports.Map{Province: fig(5, 172800),
		Offices: []reports.OfficeFigures{{Office: "Kk.11.03", Name: "Kantor Kementerian Agama Kabupaten Purbalingga", Figures: fig(3, 86400)}},
		Reasons: []reports.Reason{{Item: "rule:performance", Label: "<b>x</b>", Count: 3, Offices: map[string]int{"Kk.11.03": 2}}},
		Oldest:  []reports.Waiting{{ID: 7, Office: "Kk.11.03", OfficeName: "Kantor Kementerian Agama Kabupaten Purbalingga", Status: models.StatusSubmitted, Since: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC), WaitingS: 86400 * 91}},
		Paths:   []reports.Path{{States: []models.Status{models.StatusSubmitted, models.StatusInReview}, Count: 2, MedianS: 86400 * 86}}}
}

func TestObstacleMapPagesRender(t *testing.T) {
	p := samplePage()
	charts := &reports.Charts{Trend: []reports.MonthCount{{Month: "2026-03", Filed: 5, Decided: 2}},
		Flow: []reports.FlowWeek{{Start: models.MustDate("2026-02-26"), Counts: map[models.Status]int{models.StatusSubmitted: 1}}}}
	ob := &reports.Obstacle{ID: 4, OfficeName: "Kantor Kementerian Agama Kabupaten Purbalingga", Category: "sdm",
		Description: "<b>x</b>", Status: "answered", Answer: "Formasi 2027.", Since: models.MustDate("2026-01-05"), Proposals: []int64{7},
		Events: []reports.ObstacleEvent{{Action: "answer", Actor: "Pak ver1", Note: "Formasi 2027."}}}
	fc := &reports.Forecast{AsOf: models.MustDate("2026-06-01"), Until: models.MustDate("2028-06-01"), Months: 24,
		Offices: []reports.OfficeForecast{{Office: "Kk.11.03", Name: "Kantor Kementerian Agama Kabupaten Purbalingga", NoJF: true,
			Holders: map[models.Position]map[models.Level]int{},
			People: []reports.ForecastPerson{{Kind: "pension", Name: "Slamet", NIP: "196809101990031002", Date: models.MustDate("2026-10-01"),
				WhatIfURL: "/whatif?employee=2"}}}}}
	cases := map[string]struct {
		c     templ.Component
		wants []string
	}{
		"peta": {PetaPage(p, PetaData{From: "2026-01-01", To: "2026-12-31", Map: sampleMap(), Charts: charts, Regional: true}),
			[]string{`<svg id="heat"`, ">2,0</text>", ">1,0</text>", `href="/proposals?office=Kk.11.03&amp;status=submitted"`,
				"Provinsi (seluruh kantor)", "Kabupaten Purbalingga", "3 (kantor Anda 2)", "Diajukan → Sedang diverifikasi",
				"86,0", `href="/proposals/7"`, "91,0", `href="/peta.pdf?from=2026-01-01&amp;to=2026-12-31"`, `<svg id="flow"`}},
		"kendala-list": {KendalaListPage(p, KendalaListData{Items: []reports.Obstacle{*ob}, CanReport: true,
			Form: KendalaForm{Errors: map[string]string{"description": "Uraikan kendalanya."}}}),
			[]string{`href="/kendala/4"`, "SDM / peran ganda", "Dijawab Kanwil", "Uraikan kendalanya."}},
		"kendala": {KendalaPage(p, KendalaData{Obstacle: ob}), []string{"Kendala #4", "Formasi 2027.", `href="/proposals/7"`, "Kirim catatan"}},
		"proyeksi-levelups": {ProyeksiPage(p, ProyeksiData{Months: 24, Forecast: &reports.Forecast{AsOf: fc.AsOf, Until: fc.Until,
			LevelUps: &[]reports.LevelUp{{Name: "Rina", NIP: "199001012015031001", Office: "Kk.11.03", Position: "pranata_humas",
				From: "ahli_pertama", To: "ahli_muda", CreditPoints: 112.5, WhatIfURL: "/whatif?employee=9"}}}}),
			[]string{"Pranata Hubungan Masyarakat: Ahli Pertama → Ahli Muda", "112,5", `href="/whatif?employee=9"`}},
		"proyeksi": {ProyeksiPage(p, ProyeksiData{Months: 24, Forecast: fc}),
			[]string{"Belum ada pejabat fungsional", "Slamet", "1 Oktober 2026", `href="/whatif?employee=2"`, "Belum tersedia"}},
	}
	for name, tc := range cases {
		var buf bytes.Buffer
		if err := tc.c.Render(context.Background(), &buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		html := buf.String()
		for _, w := range tc.wants {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		if strings.Contains(html, "<b>x</b>") || !strings.Contains(html, `value="tok123"`) {
			t.Errorf("%s: markup rendered or CSRF token missing", name)
		}
	}
}

// On a phone the office recap's rows become cards: every number but the
// office's name carries its heading (data-label), else a phone shows a
// column of unlabelled figures.
func TestTheOfficeRecapLabelsEveryNumber(t *testing.T) {
	var b bytes.Buffer
	if err := PetaPage(samplePage(), PetaData{From: "2026-01-01", To: "2026-12-31", Map: sampleMap()}).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	start := strings.Index(html, `<table id="offices" class="figures">`)
	if start < 0 {
		t.Fatal("no office recap table with class figures")
	}
	table := html[start : start+strings.Index(html[start:], "</table>")]
	body := table[strings.Index(table, "<tbody>"):]
	cells := strings.Count(body, "<td")
	labelled := strings.Count(body, "<td data-label=")
	rows := strings.Count(body, "<tr")
	if rows != 2 || cells != rows*(len(petaStatuses)+6) || labelled != cells-rows {
		t.Fatalf("%d rows, %d cells, %d labelled (want all but the name)", rows, cells, labelled)
	}
	for _, want := range []string{`data-label="Pernah dikembalikan"`, `data-label="Kendala terbuka"`, `data-label="` + models.StatusSubmitted.Label() + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %s", want)
		}
	}
}
