package web

import (
	"bytes"
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/views"
)

// seededEnv is an env with a year of history (n proposals over every office).
func seededEnv(t *testing.T, n int) *env {
	t.Helper()
	e := newEnv(t)
	if err := reports.SeedHistory(context.Background(), e.db, n, e.svc.Now(), 7); err != nil {
		t.Fatal(err)
	}
	return e
}

type mapJSON struct {
	Period   struct{ From, To string } `json:"period"`
	Province struct {
		Total       int                         `json:"total"`
		TimeInState map[string]map[string]int64 `json:"time_in_state"`
	} `json:"province"`
	Offices []struct {
		Office string `json:"office"`
		Total  int    `json:"total"`
	} `json:"offices"`
	Reasons []struct {
		Item    string         `json:"item"`
		Label   string         `json:"label"`
		Count   int            `json:"count"`
		Offices map[string]int `json:"offices"`
	} `json:"reasons"`
	Oldest []struct {
		ID     int64  `json:"id"`
		Office string `json:"office"`
	} `json:"oldest"`
	Paths []struct {
		States  []string `json:"states"`
		Count   int      `json:"count"`
		MedianS int64    `json:"median_s"`
	} `json:"paths"`
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields"`
}

func xlsxText(t *testing.T, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			sb.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	return sb.String()
}

func TestObstacleMapAPIPagesAndExportsKeepARegencyToItsOwnOffice(t *testing.T) {
	e := seededEnv(t, 600)
	q := "?from=2025-12-01&to=2026-11-30"
	var prov mapJSON
	if st := e.api("ver1", "GET", "/api/v1/reports/obstacles"+q, nil, &prov); st != 200 {
		t.Fatalf("verifier: %d %+v", st, prov)
	}
	if len(prov.Offices) != 35 || prov.Province.Total < 500 || len(prov.Paths) == 0 || len(prov.Reasons) == 0 ||
		prov.Province.TimeInState["submitted"]["count"] == 0 || prov.Province.TimeInState["submitted"]["median_s"] <= 0 {
		t.Fatalf("province map: %d offices, total %d, %d paths, %d reasons, %v", len(prov.Offices), prov.Province.Total,
			len(prov.Paths), len(prov.Reasons), prov.Province.TimeInState)
	}
	var own mapJSON
	var raw []byte
	e.api("kp_pbg", "GET", "/api/v1/reports/obstacles"+q, nil, &raw)
	e.api("kp_pbg", "GET", "/api/v1/reports/obstacles"+q, nil, &own)
	if len(own.Offices) != 1 || own.Offices[0].Office != "Kk.11.03" || own.Province.Total != prov.Province.Total {
		t.Fatalf("regency map: %+v, province %d", own.Offices, own.Province.Total)
	}
	for _, r := range own.Reasons {
		for code := range r.Offices {
			if code != "Kk.11.03" {
				t.Fatalf("reason %s counts %s for a regency user", r.Item, code)
			}
		}
	}
	for _, w := range own.Oldest {
		if w.Office != "Kk.11.03" {
			t.Fatalf("oldest shows %s", w.Office)
		}
	}
	for _, leak := range []string{"Kk.11.04", "Banjarnegara", "Cilacap", "Kota Semarang"} {
		if bytes.Contains(raw, []byte(leak)) {
			t.Fatalf("regency API answer names %q", leak)
		}
	}

	// Exports.
	var x []byte
	if st := e.api("kp_pbg", "GET", "/api/v1/reports/obstacles.xlsx"+q, nil, &x); st != 200 {
		t.Fatalf("xlsx %d", st)
	}
	xt := xlsxText(t, x)
	if !strings.Contains(xt, "Kabupaten Purbalingga") || strings.Contains(xt, "Banjarnegara") || strings.Contains(xt, "Kk.11.04") {
		t.Fatalf("regency xlsx:\n%s", xt)
	}
	e.api("ver1", "GET", "/api/v1/reports/obstacles.xlsx"+q, nil, &x)
	if xt := xlsxText(t, x); !strings.Contains(xt, "Kabupaten Banjarnegara") || !strings.Contains(xt, "Dicetak oleh Pak ver1") {
		t.Fatalf("kanwil xlsx lacks an office or the printer:\n%.600s", xt)
	}
	var pdf []byte
	if st := e.api("kp_pbg", "GET", "/api/v1/reports/obstacles.pdf"+q, nil, &pdf); st != 200 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("pdf %d", st)
	}
	txt := pdfText(t, pdf)
	for _, want := range []string{"PETA KENDALA USULAN", "1 Desember 2025 s.d. 30 November 2026", "Kabupaten Purbalingga",
		"Dicetak oleh Pak kp_pbg", "Semarang, 30 November 2026"} {
		if !strings.Contains(txt, want) {
			t.Fatalf("pdf lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "Banjarnegara") {
		t.Fatal("regency pdf names another office")
	}

	// Pages.
	b := e.browser()
	b.login("kp_pbg")
	resp, body := b.do("GET", "/peta"+q, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `<svg id="heat"`) || !strings.Contains(body, `<svg id="flow"`) ||
		!strings.Contains(body, "Purbalingga") || strings.Contains(body, "Banjarnegara") ||
		!strings.Contains(body, `href="/proposals?office=Kk.11.03&amp;status=submitted"`) {
		t.Fatalf("regency page %d:\n%.2000s", resp.StatusCode, body)
	}
	// The path and reason cells open the proposal list filtered to them:
	// a path's list has as many proposals as the path counts.
	bv := e.browser()
	bv.login("ver1")
	_, vbody := bv.do("GET", "/peta"+q, nil)
	pathLink := regexp.MustCompile(`<td><a href="(/proposals\?[^"]*path=[^"]*)">`).FindStringSubmatch(vbody)
	reasonLink := regexp.MustCompile(`<td><a href="(/proposals\?[^"]*reason=[^"]*)">`).FindStringSubmatch(vbody)
	if pathLink == nil || reasonLink == nil || !strings.Contains(pathLink[1], "filed_from=2025-12-01&amp;filed_to=2026-11-30") {
		t.Fatalf("no path or reason link on /peta: %v %v", pathLink, reasonLink)
	}
	_, lbody := bv.do("GET", html.UnescapeString(pathLink[1]), nil)
	if want := views.Thousands(prov.Paths[0].Count) + " usulan"; !strings.Contains(lbody, "Disaring: diajukan sejak 1 Desember 2025") ||
		!strings.Contains(lbody, want) {
		t.Fatalf("path list lacks %q:\n%.3000s", want, lbody)
	}
	_, lbody = bv.do("GET", html.UnescapeString(reasonLink[1]), nil)
	if !strings.Contains(lbody, "alasan “"+prov.Reasons[0].Label+"”") {
		t.Fatalf("reason list lacks its filter %q:\n%.3000s", prov.Reasons[0].Label, lbody)
	}
	resp, body = b.do("GET", "/peta?from=2026-13-01", nil)
	if resp.StatusCode != 400 || !strings.Contains(body, "Tanggal awal tidak valid.") {
		t.Fatalf("bad date: %d", resp.StatusCode)
	}
	var bad mapJSON
	if st := e.api("ver1", "GET", "/api/v1/reports/obstacles?from=2026-02-01&to=2026-01-01", nil, &bad); st != 400 || bad.Fields["from"] == "" {
		t.Fatalf("reversed period: %d %+v", st, bad)
	}
	if st := e.api("ver1", "GET", "/api/v1/reports/obstacles?position=lurah", nil, &bad); st != 400 || bad.Fields["position"] == "" {
		t.Fatalf("unknown position: %d %+v", st, bad)
	}
}

func TestObstacleReportsThroughPagesAndAPI(t *testing.T) {
	e := newEnv(t)
	var ob struct {
		ID     int64  `json:"id"`
		Office string `json:"office"`
		Status string `json:"status"`
		Error  string `json:"error"`
	}
	// The office in the body is ignored: the caller's office owns it.
	if st := e.api("op_pbg", "POST", "/api/v1/obstacles", map[string]any{"category": "sdm", "office": "Kk.11.04",
		"description": "Pengelola website merangkap bendahara.", "since": "2026-01-05"}, &ob); st != 201 || ob.Office != "Kk.11.03" {
		t.Fatalf("create: %d %+v", st, ob)
	}
	if st := e.api("op_bjn", "GET", "/api/v1/obstacles/"+itoa(ob.ID), nil, nil); st != 404 {
		t.Fatalf("another office read it: %d", st)
	}
	b := e.browser()
	b.login("ver1")
	tok := b.csrf("/kendala/" + itoa(ob.ID))
	resp, _ := b.do("POST", "/kendala/"+itoa(ob.ID), url.Values{"_csrf": {tok}, "action": {"answer"}, "note": {"Formasi 2027 diusulkan."}})
	if resp.StatusCode != 303 {
		t.Fatalf("answer: %d", resp.StatusCode)
	}
	_, body := b.do("GET", "/kendala/"+itoa(ob.ID), nil)
	if !strings.Contains(body, "Dijawab Kanwil") || !strings.Contains(body, "Formasi 2027 diusulkan.") {
		t.Fatalf("answered page:\n%s", body)
	}
	o := e.browser()
	o.login("op_pbg")
	_, body = o.do("GET", "/notifications", nil)
	if !strings.Contains(body, "Kendala #"+itoa(ob.ID)+" (SDM / peran ganda, Kk.11.03) dijawab Kanwil.") || !strings.Contains(body, `href="/kendala/`+itoa(ob.ID)+`"`) {
		t.Fatalf("office notifications:\n%s", body)
	}
	tok = o.csrf("/kendala")
	resp, body = o.do("POST", "/kendala", url.Values{"_csrf": {tok}, "category": {"anggaran"}, "description": {""}, "since": {"2026-02-01"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "Uraikan kendalanya.") {
		t.Fatalf("empty description: %d", resp.StatusCode)
	}
}

func TestForecastIsScopedAndFlagsOfficesWithoutJF(t *testing.T) {
	e := newEnv(t)
	var f struct {
		Months  int `json:"months"`
		Offices []struct {
			Office string `json:"office"`
			NoJF   bool   `json:"no_jf"`
		} `json:"offices"`
		LevelUps *[]any   `json:"level_ups"`
		Notes    []string `json:"notes"`
	}
	if st := e.api("kp_pbg", "GET", "/api/v1/reports/forecast?months=24", nil, &f); st != 200 || len(f.Offices) != 1 ||
		f.Offices[0].Office != "Kk.11.03" || !f.Offices[0].NoJF || f.LevelUps == nil || len(*f.LevelUps) != 0 || len(f.Notes) != 1 {
		t.Fatalf("regency forecast: %d %+v", st, f)
	}
	if st := e.api("ver1", "GET", "/api/v1/reports/forecast?months=0", nil, nil); st != 400 {
		t.Fatalf("months=0: %d", st)
	}
}
