package models

import "strconv"

// Rupiah formats whole rupiah as in letters: 2070000 → "Rp 2.070.000".
func Rupiah(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-Rp " + string(out)
	}
	return "Rp " + string(out)
}
