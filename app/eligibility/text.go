package eligibility

import (
	"strconv"

	"github.com/kemenagjateng/usulan/models"
)

// text accumulates the details of one check in a single buffer; Evaluate
// turns the buffer into one string and slices every detail out of it, so a
// check with 17 informative sentences costs one allocation for its text
// instead of dozens of fmt.Sprintf calls.
type text struct{ b []byte }

func (t *text) s(x string) *text { t.b = append(t.b, x...); return t }

func (t *text) n(x int) *text { t.b = strconv.AppendInt(t.b, int64(x), 10); return t }

// q writes x in double quotes.
func (t *text) q(x string) *text { t.b = append(append(append(t.b, '"'), x...), '"'); return t }

// date writes d as in a letter: "30 November 2026".
func (t *text) date(d models.Date) *text {
	if d.IsZero() || d.Month < 1 || d.Month > 12 {
		return t.s("(tanpa tanggal)")
	}
	t.b = strconv.AppendInt(t.b, int64(d.Day), 10)
	t.b = append(t.b, ' ')
	t.b = append(t.b, models.BulanIndonesia[d.Month-1]...)
	t.b = append(t.b, ' ')
	t.b = strconv.AppendInt(t.b, int64(d.Year), 10)
	return t
}

// rupiah writes an amount as "Rp 2.070.000".
func (t *text) rupiah(x int64) *text {
	t.b = appendRupiah(t.b, x)
	return t
}

// appendRupiah is models.Rupiah without an allocation.
func appendRupiah(b []byte, x int64) []byte {
	if x < 0 {
		b = append(b, '-')
		x = -x
	}
	b = append(b, "Rp "...)
	var digits [24]byte
	d := strconv.AppendInt(digits[:0], x, 10)
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b = append(b, '.')
		}
		b = append(b, c)
	}
	return b
}
