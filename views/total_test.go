package views

import "testing"

func TestListTotalSaysMoreThanPastTheCap(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		d    ListData
		want string
	}{
		{ListData{Total: 7}, "7"},
		{ListData{Total: 10000}, "10.000"},
		{ListData{Total: 10001, Capped: true}, "lebih dari 10.000"},
		{ListData{Total: 1234567}, "1.234.567"},
	} {
		if got := c.d.TotalText(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.d, got, c.want)
		}
	}
	if Badge(99) != "99" || Badge(100) != "99+" {
		t.Errorf("badges %q %q", Badge(99), Badge(100))
	}
}
