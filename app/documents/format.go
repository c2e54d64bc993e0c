package documents

import "strings"

// FormatRupiah prints whole rupiah the Indonesian way: "Rp 2.070.000".
func FormatRupiah(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-n)
	}
	digits := []byte(itoa64(u))
	var b strings.Builder
	b.WriteString("Rp ")
	if neg {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(c)
	}
	return b.String()
}

func itoa64(u uint64) string {
	if u == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for u > 0 {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
	}
	return string(b[i:])
}

var satuan = [...]string{"", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
	"sembilan", "sepuluh", "sebelas"}

// terbilang spells a non-negative number in Indonesian words ("enam puluh").
func terbilang(n int) string {
	switch {
	case n < 0:
		return "minus " + terbilang(-n)
	case n == 0:
		return "nol"
	}
	return strings.TrimSpace(spell(n))
}

func spell(n int) string {
	switch {
	case n < 12:
		return satuan[n]
	case n < 20:
		return satuan[n-10] + " belas"
	case n < 100:
		return join(satuan[n/10]+" puluh", spell(n%10))
	case n < 200:
		return join("seratus", spell(n-100))
	case n < 1000:
		return join(satuan[n/100]+" ratus", spell(n%100))
	case n < 2000:
		return join("seribu", spell(n-1000))
	case n < 1000000:
		return join(spell(n/1000)+" ribu", spell(n%1000))
	case n < 1000000000:
		return join(spell(n/1000000)+" juta", spell(n%1000000))
	}
	return join(spell(n/1000000000)+" miliar", spell(n%1000000000))
}

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}

// countWords prints "3 (tiga)".
func countWords(n int) string { return itoa(n) + " (" + terbilang(n) + ")" }
