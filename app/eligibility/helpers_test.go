package eligibility

import (
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

func ptr[T any](v T) *T { return &v }

func d(s string) models.Date { return models.MustDate(s) }

// rankFor is the lowest golongan of a level's range.
func rankFor(l models.Level) models.Rank { return jfRankRanges[l].Min }

// good builds a request that passes every rule for the target on ref: a PNS
// born 1992-03-15 with a matching NIP, the lowest rank of the level's range,
// S2 in the position's main field, sangat baik for the last two years, and
// every statement given.
func good(p models.Position, l models.Level, r models.Route, ref string) Request {
	field := "Teknik Informatika"
	if p == models.PranataHumas {
		field = "Ilmu Komunikasi"
	}
	refDate := d(ref)
	var post *CurrentPost
	var points *float64
	rank := rankFor(l)
	if r == models.KenaikanJenjang {
		// one level below, in post for three years, with the target's credit
		// points and the top rank of the level below
		post = &CurrentPost{Kind: models.PostJF, Position: p, Level: l.Below(), TMT: refDate.AddDate(-3, 0, 0)}
		points = ptr(creditThresholds[l].Value)
		if below, ok := jfRankRanges[l.Below()]; ok {
			rank = below.Max
		}
	}
	return Request{
		ReferenceDate: refDate, Position: p, Level: l, Route: r,
		Candidate: Candidate{
			NIP: "199203152014031004", Name: "Ahmad Fauzi, S.Kom., M.Kom.",
			BirthDate: d("1992-03-15"), Gender: models.Male, EmploymentStatus: models.EmploymentPNS,
			Rank: rank, EducationLevel: models.EduS2, EducationField: field,
			Performance: map[string]models.PerformanceRating{
				yearKey(refDate.Year - 1): models.RatingSangatBaik,
				yearKey(refDate.Year - 2): models.RatingSangatBaik,
			},
			ExperienceMonths: ptr(36), CompetencyTestPassed: ptr(true),
			Discipline:      &Discipline{Ongoing: ptr(false)},
			HealthStatement: ptr(true), IntegrityStatement: ptr(true), VacancyAvailable: ptr(true),
			CurrentPost: post, CreditPoints: points,
		},
	}
}

// goodFirst is good() for Pranata Komputer Ahli Pertama, pengangkatan pertama.
func goodFirst(ref string) Request {
	return good(models.PranataKomputer, models.AhliPertama, models.PengangkatanPertama, ref)
}

// goodTransfer is good() for Pranata Komputer Ahli Muda, perpindahan.
func goodTransfer(ref string) Request {
	return good(models.PranataKomputer, models.AhliMuda, models.Perpindahan, ref)
}

// outcome returns the outcome of rule id, failing the test if absent.
func outcome(t *testing.T, res Result, id string) Outcome {
	t.Helper()
	o, ok := res.Check(id)
	if !ok {
		t.Fatalf("no outcome for %s", id)
	}
	return o
}

// wantResult checks one rule's result and logs its detail on failure.
func wantResult(t *testing.T, res Result, id, want string) Outcome {
	t.Helper()
	o := outcome(t, res, id)
	if o.Result != want {
		t.Errorf("%s = %s, want %s (%s)", id, o.Result, want, o.Detail)
	}
	return o
}
