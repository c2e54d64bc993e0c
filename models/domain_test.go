package models

import "testing"

func TestEveryListedEnumValueIsValidAndLabelled(t *testing.T) {
	check := func(kind string, code string, valid bool, label string) {
		t.Helper()
		if !valid || label == "" {
			t.Errorf("%s %q: valid=%v label=%q", kind, code, valid, label)
		}
	}
	for _, v := range AllPositions() {
		check("position", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllLevels() {
		check("level", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllRoutes() {
		check("route", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllEmploymentStatuses() {
		check("status", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllGenders() {
		check("gender", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllRanks() {
		check("rank", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllEducationLevels() {
		check("education", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllPerformanceRatings() {
		check("rating", string(v), v.Valid(), v.Label())
	}
	for _, v := range AllStaffingMechanisms() {
		check("mechanism", string(v), v.Valid(), v.Label())
	}
	if len(AllRanks()) != 17 || len(AllLevels()) != 7 || len(AllRoutes()) != 5 {
		t.Error("unexpected enum sizes")
	}
}

func TestUnknownEnumValuesAreInvalid(t *testing.T) {
	if Position("pranata_keuangan").Valid() || Level("").Valid() || Route("mutasi").Valid() ||
		EmploymentStatus("PNS").Valid() || Rank("III/A").Valid() || Rank("V/a").Valid() ||
		EducationLevel("s1").Valid() || PerformanceRating("baik sekali").Valid() ||
		StaffingMechanism("magang").Valid() || Gender("X").Valid() {
		t.Error("an unknown code was accepted")
	}
	if Rank("IV/f").Label() != "" || Level("x").Label() != "" {
		t.Error("unknown values must have no label")
	}
}

func TestRankLabelNamesThePangkat(t *testing.T) {
	for code, want := range map[Rank]string{
		"I/a": "Juru Muda (I/a)", "II/c": "Pengatur (II/c)", "III/a": "Penata Muda (III/a)",
		"III/d": "Penata Tingkat I (III/d)", "IV/c": "Pembina Utama Muda (IV/c)", "IV/e": "Pembina Utama (IV/e)",
	} {
		if got := code.Label(); got != want {
			t.Errorf("%s.Label() = %q, want %q", code, got, want)
		}
	}
}

func TestRanksAreOrderedFromIaToIVe(t *testing.T) {
	all := AllRanks()
	for i := 1; i < len(all); i++ {
		if all[i].Order() != all[i-1].Order()+1 {
			t.Errorf("%s does not follow %s", all[i], all[i-1])
		}
	}
	for _, bad := range []Rank{"", "I/e", "II/e", "III/e", "IV/f", "V/a", "I/A", "i/a", "III/", "/a", "IIII/a", "IV/a "} {
		if bad.Order() != 0 || bad.Valid() {
			t.Errorf("%q accepted as a rank", bad)
		}
	}
	if Rank("I/a").Order() != 1 || Rank("IV/e").Order() != 17 {
		t.Error("rank ends misplaced")
	}
	if Rank("II/d").Order() >= Rank("III/a").Order() {
		t.Error("II/d should be below III/a")
	}
}

func TestEducationOrderTreatsD4AsS1(t *testing.T) {
	if EduD4.Order() != EduS1.Order() || !EduD4.AtLeast(EduS1) || !EduS1.AtLeast(EduD4) {
		t.Error("D4 must equal S1")
	}
	chain := []EducationLevel{EduSD, EduSMP, EduSMA, EduD1, EduD2, EduD3, EduS1, EduS2, EduS3}
	for i := 1; i < len(chain); i++ {
		if chain[i].Order() <= chain[i-1].Order() {
			t.Errorf("%s should be above %s", chain[i], chain[i-1])
		}
	}
	if EducationLevel("").AtLeast(EduSD) {
		t.Error("unknown education passed AtLeast")
	}
}

func TestRatingOrderMergesOldAndNewNames(t *testing.T) {
	if RatingCukup.Order() != RatingButuhPerbaikan.Order() || RatingBuruk.Order() != RatingSangatKurang.Order() {
		t.Error("pre-2022 names must rank as their successors")
	}
	chain := []PerformanceRating{RatingBuruk, RatingKurang, RatingCukup, RatingBaik, RatingSangatBaik}
	for i := 1; i < len(chain); i++ {
		if !chain[i].AtLeast(chain[i-1]) || chain[i-1].AtLeast(chain[i]) {
			t.Errorf("%s should be strictly above %s", chain[i], chain[i-1])
		}
	}
}

func TestPranataHumasHasNoAhliUtama(t *testing.T) {
	if PranataHumas.HasLevel(AhliUtama) || !PranataKomputer.HasLevel(AhliUtama) {
		t.Error("HasLevel(AhliUtama) wrong")
	}
	if len(PranataHumas.Levels()) != 6 || len(PranataKomputer.Levels()) != 7 {
		t.Error("Levels() wrong")
	}
	if Position("x").HasLevel(Terampil) || PranataKomputer.HasLevel("x") {
		t.Error("unknown position or level has a level")
	}
	for _, l := range AllLevels() {
		if l.IsKeahlian() == l.IsKeterampilan() {
			t.Errorf("%s must be in exactly one group", l)
		}
	}
}
