package models

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// NIP is a civil servant's identity number (Nomor Induk Pegawai), 18 digits,
// Perka BKN 22/2007 [H]:
//
//	digits  1–8   birth date YYYYMMDD
//	digits  9–14  TMT CPNS YYYYMM; on a PPPK number (NI PPPK) a year and a
//	              two-digit code above 12 where the month would be
//	digit   15    gender: 1 = laki-laki, 2 = perempuan
//	digits 16–18  sequence number, never 000
//
// The zero NIP is "no NIP". A NIP is always text: it is written to JSON as a
// string and stored as TEXT, never as a number.
type NIP struct {
	d string // exactly 18 ASCII digits, or "" for the zero NIP
}

// NormalizeNIP removes every space (including tabs and non-breaking spaces)
// from s, so "19800115 200501 1 003" becomes "198001152005011003". It does no
// other check.
func NormalizeNIP(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// ParseNIP reads a NIP after NormalizeNIP and checks everything that does not
// depend on a reference date: 18 digits; digits 1–8 a real date from 1900 on;
// digits 9–12 a year from 1900 on and digits 13–14 a month 01–12 (PNS) or a
// code 13–99 (PPPK); digit 15 is 1 or 2; digits 16–18 not 000. The error
// message is Indonesian and names the part that is wrong. See ValidateAt for
// the checks against the birth date and a reference date.
func ParseNIP(s string) (NIP, error) {
	s = NormalizeNIP(s)
	if s == "" {
		return NIP{}, errors.New("NIP wajib diisi")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return NIP{}, errors.New("NIP hanya boleh berisi angka")
		}
	}
	if len(s) != 18 {
		return NIP{}, fmt.Errorf("NIP harus 18 angka, bukan %d angka", len(s))
	}
	n := NIP{d: s}
	by, bm, bd := n.num(0, 4), n.num(4, 6), n.num(6, 8)
	if by < 1900 || bm < 1 || bm > 12 || bd < 1 || bd > daysIn(by, time.Month(bm)) {
		return NIP{}, fmt.Errorf("digit 1–8 NIP (%s) bukan tanggal lahir yang ada", s[:8])
	}
	ty, code := n.num(8, 12), n.num(12, 14)
	if ty < 1900 {
		return NIP{}, fmt.Errorf("digit 9–12 NIP (%s) bukan tahun yang wajar", s[8:12])
	}
	if code == 0 {
		return NIP{}, fmt.Errorf("digit 13–14 NIP (%s) bukan bulan TMT CPNS", s[12:14])
	}
	if s[14] != '1' && s[14] != '2' {
		return NIP{}, fmt.Errorf("digit 15 NIP (%c) harus 1 (laki-laki) atau 2 (perempuan)", s[14])
	}
	if s[15:] == "000" {
		return NIP{}, errors.New("nomor urut NIP (digit 16–18) tidak boleh 000")
	}
	return n, nil
}

// MustNIP is ParseNIP for literals in code and tests; it panics on bad input.
func MustNIP(s string) NIP {
	n, err := ParseNIP(s)
	if err != nil {
		panic(err)
	}
	return n
}

// ValidateAt checks the parts of the NIP that depend on time (ELIGIBILITY.md
// nip_format): the TMT year (digits 9–12) is not before birth year + 18, and
// the TMT (year and month; the year alone for a PPPK number) is not after
// ref. A zero ref skips the second check. The error message is Indonesian.
func (n NIP) ValidateAt(ref Date) error {
	if n.IsZero() {
		return errors.New("NIP wajib diisi")
	}
	birth := n.BirthDate()
	ty, tm := n.TMT()
	if ty < birth.Year+18 {
		return fmt.Errorf("tahun TMT pada NIP (%d) kurang dari 18 tahun setelah tahun lahir (%d)", ty, birth.Year)
	}
	if ref.IsZero() {
		return nil
	}
	if n.IsPPPK() {
		if ty > ref.Year {
			return fmt.Errorf("tahun pengangkatan pada NI PPPK (%d) sesudah tanggal acuan %s", ty, ref.Indonesian())
		}
		return nil
	}
	if ty > ref.Year || (ty == ref.Year && tm > ref.Month) {
		return fmt.Errorf("TMT CPNS pada NIP (%s %d) sesudah tanggal acuan %s", BulanIndonesia[tm-1], ty, ref.Indonesian())
	}
	return nil
}

// IsZero reports whether n is "no NIP".
func (n NIP) IsZero() bool { return n.d == "" }

// String is the 18 digits, or "" for the zero NIP.
func (n NIP) String() string { return n.d }

// Formatted groups the digits as printed on decrees: "19800115 200501 1 003".
func (n NIP) Formatted() string {
	if n.IsZero() {
		return ""
	}
	return n.d[:8] + " " + n.d[8:14] + " " + n.d[14:15] + " " + n.d[15:]
}

// BirthDate is the date in digits 1–8 (zero Date for the zero NIP).
func (n NIP) BirthDate() Date {
	if n.IsZero() {
		return Date{}
	}
	return Date{n.num(0, 4), time.Month(n.num(4, 6)), n.num(6, 8)}
}

// TMT is the year and month of the CPNS appointment (digits 9–14). On a PPPK
// number the month is 0 and the year is the PPPK appointment year; see
// PPPKCode for digits 13–14.
func (n NIP) TMT() (year int, month time.Month) {
	if n.IsZero() {
		return 0, 0
	}
	if n.IsPPPK() {
		return n.num(8, 12), 0
	}
	return n.num(8, 12), time.Month(n.num(12, 14))
}

// IsPPPK reports whether digits 13–14 are above 12, which marks a PPPK
// number (NI PPPK), not a PNS NIP [M].
func (n NIP) IsPPPK() bool { return !n.IsZero() && n.num(12, 14) > 12 }

// PPPKCode is digits 13–14 of a PPPK number (13–99), 0 on a PNS NIP.
func (n NIP) PPPKCode() int {
	if !n.IsPPPK() {
		return 0
	}
	return n.num(12, 14)
}

// Gender is Male for digit 15 = 1, Female for 2 ("" for the zero NIP).
func (n NIP) Gender() Gender {
	switch {
	case n.IsZero():
		return ""
	case n.d[14] == '1':
		return Male
	default:
		return Female
	}
}

// Seq is the sequence number in digits 16–18 (1–999; 0 for the zero NIP).
func (n NIP) Seq() int {
	if n.IsZero() {
		return 0
	}
	return n.num(15, 18)
}

func (n NIP) num(from, to int) int {
	v := 0
	for i := from; i < to; i++ {
		v = v*10 + int(n.d[i]-'0')
	}
	return v
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// MarshalJSON writes the 18 digits as a JSON string, or null for the zero NIP.
func (n NIP) MarshalJSON() ([]byte, error) {
	if n.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + n.d + `"`), nil
}

// UnmarshalJSON reads a JSON string through ParseNIP; null or "" is the zero
// NIP. A JSON number is refused: a NIP is text.
func (n *NIP) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = NIP{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New("NIP harus berupa teks, bukan angka")
	}
	if s == "" {
		*n = NIP{}
		return nil
	}
	p, err := ParseNIP(s)
	if err != nil {
		return err
	}
	*n = p
	return nil
}

// Value stores the 18 digits as text (NULL for the zero NIP).
func (n NIP) Value() (driver.Value, error) {
	if n.IsZero() {
		return nil, nil
	}
	return n.d, nil
}

// Scan reads text through ParseNIP (NULL or "" is the zero NIP).
func (n *NIP) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*n = NIP{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("models.NIP: cannot scan %T", src)
	}
	if s == "" {
		*n = NIP{}
		return nil
	}
	p, err := ParseNIP(s)
	if err != nil {
		return err
	}
	*n = p
	return nil
}
