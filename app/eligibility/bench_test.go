package eligibility

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

// BenchmarkEvaluate is one full JFT check (17 rules, every detail built).
func BenchmarkEvaluate(b *testing.B) {
	req := goodTransfer("2026-11-30")
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(req)
	}
}

// BenchmarkEvaluateStaffing is one staffing check.
func BenchmarkEvaluateStaffing(b *testing.B) {
	req, err := DecodeStaffing([]byte(validStaffing), d("2024-01-01"))
	if err != nil {
		b.Fatal(err)
	}
	caps := DefaultPayCaps()
	b.ReportAllocs()
	for b.Loop() {
		EvaluateStaffing(req, caps)
	}
}

// BenchmarkRun is the CLI/API path: JSON in, indented JSON out.
func BenchmarkRun(b *testing.B) {
	in := []byte(validJFT)
	today := d("2026-11-30")
	b.ReportAllocs()
	for b.Loop() {
		if _, code := Run(in, today, nil); code != 0 {
			b.Fatal(code)
		}
	}
}

// batchCandidates makes n varied candidates: ages 25–60, every rank from
// II/c up, missing data here and there, some PPPK and CPNS.
func batchCandidates(n int) []Candidate {
	ranks := models.AllRanks()[6:]
	ratings := models.AllPerformanceRatings()
	out := make([]Candidate, n)
	for i := range out {
		birth := models.Date{Year: 1966 + i%35, Month: time.Month(1 + i%12), Day: 1 + i%28}
		nip := fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birth.Year, int(birth.Month), birth.Day, birth.Year+22, 1+i%12, 1+i%2, 1+i%999)
		c := Candidate{
			NIP: nip, Name: fmt.Sprintf("Pegawai %d", i), BirthDate: birth, Gender: models.Gender([]string{"L", "P"}[i%2]),
			EmploymentStatus: []models.EmploymentStatus{models.EmploymentPNS, models.EmploymentPNS, models.EmploymentCPNS, models.EmploymentPPPK}[i%4],
			Rank:             ranks[i%len(ranks)], EducationLevel: models.AllEducationLevels()[2+i%8],
			EducationField: []string{"Teknik Informatika", "Ilmu Komunikasi", "Pendidikan Agama Islam", "Sistem Informasi"}[i%4],
			Performance: map[string]models.PerformanceRating{
				"2025": ratings[i%len(ratings)], "2024": ratings[(i/7)%len(ratings)],
			},
			ExperienceMonths: ptr(i % 60), CompetencyTestPassed: ptr(i%3 != 0),
			Discipline:      &Discipline{Ongoing: ptr(i%17 == 0)},
			HealthStatement: ptr(true), IntegrityStatement: ptr(i%11 != 0),
		}
		if i%5 != 0 {
			c.VacancyAvailable = ptr(i%5 != 1)
		}
		out[i] = c
	}
	return out
}

// BenchmarkBatch1000 is "who can we propose now?" for 1,000 candidates over
// all 65 targets (65,000 checks), streamed through a callback that keeps only
// counts, so memory stays flat however many candidates there are.
func BenchmarkBatch1000(b *testing.B) {
	cands := batchCandidates(1000)
	ref := d("2026-11-30")
	b.ReportAllocs()
	var eligible, checks int
	for b.Loop() {
		eligible, checks = 0, 0
		for _, c := range cands {
			EvaluateAll(c, ref, func(_ Target, r Result) {
				checks++
				if r.Verdict == Eligible {
					eligible++
				}
			})
		}
	}
	b.ReportMetric(float64(checks), "checks/op")
	b.ReportMetric(float64(eligible), "eligible/op")
}

// TestBatchKeepsMemoryFlat checks that EvaluateAll retains nothing: after
// 20,800 checks the live heap is what it was before.
func TestBatchKeepsMemoryFlat(t *testing.T) {
	cands := batchCandidates(400)
	ref := d("2026-11-30")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	for _, c := range cands {
		EvaluateAll(c, ref, func(Target, Result) { n++ })
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if n != 400*65 {
		t.Fatalf("%d results", n)
	}
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 1<<20 {
		t.Errorf("live heap grew by %d bytes over the batch", grew)
	}
}
