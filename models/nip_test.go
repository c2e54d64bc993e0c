package models

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParseNIPReadsEveryPart(t *testing.T) {
	n, err := ParseNIP("19920315 201903 1 004")
	if err != nil {
		t.Fatal(err)
	}
	if got := n.String(); got != "199203152019031004" {
		t.Errorf("String() = %q", got)
	}
	if got := n.Formatted(); got != "19920315 201903 1 004" {
		t.Errorf("Formatted() = %q", got)
	}
	if got := n.BirthDate(); got != MustDate("1992-03-15") {
		t.Errorf("BirthDate() = %v", got)
	}
	if y, m := n.TMT(); y != 2019 || m != time.March {
		t.Errorf("TMT() = %d %v", y, m)
	}
	if n.Gender() != Male || n.Seq() != 4 || n.IsPPPK() || n.PPPKCode() != 0 {
		t.Errorf("gender %q seq %d pppk %v", n.Gender(), n.Seq(), n.IsPPPK())
	}
	if f := MustNIP("197212011998032001"); f.Gender() != Female {
		t.Errorf("digit 15 = 2 should be female")
	}
}

func TestParseNIPRecognisesPPPKNumber(t *testing.T) {
	n, err := ParseNIP("199001012024211001")
	if err != nil {
		t.Fatal(err)
	}
	if !n.IsPPPK() || n.PPPKCode() != 21 {
		t.Fatalf("IsPPPK %v code %d", n.IsPPPK(), n.PPPKCode())
	}
	if y, m := n.TMT(); y != 2024 || m != 0 {
		t.Errorf("TMT() = %d %d, want 2024 0", y, m)
	}
	// 12 is still a month: a PNS NIP.
	if MustNIP("199001012019121001").IsPPPK() {
		t.Error("month 12 read as PPPK")
	}
	if !MustNIP("199001012019131001").IsPPPK() {
		t.Error("code 13 not read as PPPK")
	}
}

func TestParseNIPRefusesMalformedNumbers(t *testing.T) {
	for _, tc := range []struct{ nip, want string }{
		{"", "wajib"},
		{"19920315201903100", "18 angka"},
		{"1992031520190310045", "18 angka"},
		{"19920315201903100a", "hanya boleh berisi angka"},
		{"abc", "hanya boleh berisi angka"},
		{"199202302019031004", "digit 1–8"}, // 30 February
		{"199302292019031004", "digit 1–8"}, // 29 Feb in a common year
		{"189912312019031004", "digit 1–8"}, // before 1900
		{"199213012019031004", "digit 1–8"}, // month 13
		{"199203152019001004", "digit 13–14"},
		{"199203150019031004", "digit 9–12"},
		{"199203152019033004", "digit 15"},
		{"199203152019030004", "digit 15"},
		{"199203152019031000", "000"},
	} {
		_, err := ParseNIP(tc.nip)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseNIP(%q) = %v, want error containing %q", tc.nip, err, tc.want)
		}
	}
	if _, err := ParseNIP("199602292019031004"); err != nil {
		t.Errorf("29 Feb 1996 is a real date: %v", err)
	}
}

func TestNormalizeNIPRemovesAllSpaces(t *testing.T) {
	if got := NormalizeNIP(" 19800115\t200501 1\u00a0003 "); got != "198001152005011003" {
		t.Errorf("NormalizeNIP = %q", got)
	}
	if got := NormalizeNIP("abc"); got != "abc" {
		t.Errorf("NormalizeNIP changed non-space text: %q", got)
	}
}

func TestValidateAtChecksTMTAgainstBirthAndReferenceDate(t *testing.T) {
	ref := MustDate("2026-11-30")
	for _, tc := range []struct {
		nip string
		ok  bool
	}{
		{"199203152019031004", true},
		{"199203152010031004", true},  // TMT year = birth year + 18
		{"199203152009121004", false}, // birth year + 17
		{"199203152026111004", true},  // TMT month = reference month
		{"199203152026121004", false}, // TMT month after the reference month
		{"199203152027011004", false},
		{"199001012026211001", true},  // PPPK year = reference year
		{"199001012027211001", false}, // PPPK year after the reference date
		{"199001012007211001", false}, // PPPK year before birth + 18
	} {
		err := MustNIP(tc.nip).ValidateAt(ref)
		if (err == nil) != tc.ok {
			t.Errorf("%s ValidateAt = %v, want ok=%v", tc.nip, err, tc.ok)
		}
	}
	if err := MustNIP("199203152027011004").ValidateAt(Date{}); err != nil {
		t.Errorf("zero reference date should skip the future check: %v", err)
	}
	if err := (NIP{}).ValidateAt(ref); err == nil {
		t.Error("zero NIP validated")
	}
}

func TestNIPIsAlwaysAJSONString(t *testing.T) {
	var v struct {
		NIP NIP `json:"nip"`
	}
	if err := json.Unmarshal([]byte(`{"nip":"19920315 201903 1 004"}`), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"nip":"199203152019031004"}` {
		t.Errorf("marshal = %s", b)
	}
	if err := json.Unmarshal([]byte(`{"nip":199203152019031004}`), &v); err == nil {
		t.Error("a JSON number was accepted as NIP")
	}
	if err := json.Unmarshal([]byte(`{"nip":"199202302019031004"}`), &v); err == nil {
		t.Error("an impossible birth date was accepted")
	}
	if err := json.Unmarshal([]byte(`{"nip":null}`), &v); err != nil || !v.NIP.IsZero() {
		t.Errorf("null: %v %v", err, v.NIP)
	}
}

func TestNIPScansAndStoresAsText(t *testing.T) {
	var n NIP
	if err := n.Scan([]byte("199203152019031004")); err != nil || n.String() != "199203152019031004" {
		t.Fatalf("Scan: %v %v", err, n)
	}
	if v, _ := n.Value(); v != "199203152019031004" {
		t.Errorf("Value = %v", v)
	}
	if err := n.Scan(nil); err != nil || !n.IsZero() {
		t.Errorf("Scan(nil): %v %v", err, n)
	}
	if v, _ := n.Value(); v != nil {
		t.Errorf("zero Value = %v", v)
	}
	if err := n.Scan(42); err == nil {
		t.Error("Scan(int) accepted")
	}
}

func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{
		"199203152019031004", "19920315 201903 1 004", "199001012024211001",
		"199202302019031004", "000000000000000000", "", " ", "1992031520190310０4",
		"197202291998032001", "99991231999999 2 999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIP(s)
		if err != nil {
			if !n.IsZero() {
				t.Fatalf("error %v with non-zero NIP %q", err, n)
			}
			return
		}
		str := n.String()
		if len(str) != 18 {
			t.Fatalf("String() = %q is not 18 characters", str)
		}
		back, err := ParseNIP(str)
		if err != nil {
			t.Fatalf("String() %q does not parse: %v", str, err)
		}
		if back != n {
			t.Fatalf("round trip %q -> %q", str, back.String())
		}
		if f, err := ParseNIP(n.Formatted()); err != nil || f != n {
			t.Fatalf("Formatted() %q does not round-trip: %v", n.Formatted(), err)
		}
		// Every accessor must work on a parsed NIP without panicking.
		_ = n.BirthDate().Indonesian()
		_, _ = n.TMT()
		_ = n.Gender().Label()
		_ = n.Seq()
		_ = n.IsPPPK()
		_ = n.ValidateAt(MustDate("2026-11-30"))
	})
}
