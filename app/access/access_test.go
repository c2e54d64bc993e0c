package access_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/models"
)

// scopedRows makes a table with rows of three offices in unequal numbers
// (office 1: 3, office 2: 5, office 3: 7), so a count tells whose rows a
// scope let through.
func scopedRows(t *testing.T) *bun.DB {
	t.Helper()
	d := dbtest.OpenEmpty(t)
	ctx := context.Background()
	if _, err := d.ExecContext(ctx, "CREATE TABLE scoped (id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	id := 0
	for office, n := range map[int]int{1: 3, 2: 5, 3: 7} {
		for i := 0; i < n; i++ {
			id++
			if _, err := d.ExecContext(ctx, "INSERT INTO scoped (id, office_id) VALUES (?, ?)", id, office); err != nil {
				t.Fatal(err)
			}
		}
	}
	return d
}

func TestScopesLetEachRoleSeeExactlyItsRows(t *testing.T) {
	t.Parallel()
	d := scopedRows(t)
	ctx := context.Background()
	count := func(scope func(*bun.SelectQuery, string) *bun.SelectQuery) int {
		t.Helper()
		n, err := scope(d.NewSelect().TableExpr("scoped AS s"), "s").Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	for _, c := range []struct {
		p    access.Principal
		want int
	}{
		{access.Principal{Role: models.RoleOperator, OfficeID: 1}, 3},
		{access.Principal{Role: models.RoleKepala, OfficeID: 2}, 5},
		{access.Principal{Role: models.RoleOperator, OfficeID: 3}, 7},
		// A regency user without an office (never made so, but if a row were
		// damaged) sees nothing rather than everything.
		{access.Principal{Role: models.RoleKepala}, 0},
		{access.Principal{Role: models.RoleVerifikator}, 15},
		{access.Principal{Role: models.RoleAdmin}, 15},
		// An unknown role is not regional: it is refused elsewhere (login
		// and the role checks), never given a regency's view.
	} {
		if got := count(c.p.ScopeOffice); got != c.want {
			t.Errorf("ScopeOffice for %s of office %d: %d rows, want %d", c.p.Role, c.p.OfficeID, got, c.want)
		}
	}
}

func TestPermissionsFollowTheRole(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		role                       models.Role
		regional, canFile, isAdmin bool
		seesOwn, seesOther         bool
	}{
		{models.RoleOperator, true, true, false, true, false},
		{models.RoleKepala, true, true, false, true, false},
		{models.RoleVerifikator, false, false, false, true, true},
		{models.RoleAdmin, false, false, true, true, true},
	} {
		p := access.Principal{Role: c.role, OfficeID: 4}
		if p.Regional() != c.regional || p.CanFile() != c.canFile || p.IsAdmin() != c.isAdmin ||
			p.SeesOffice(4) != c.seesOwn || p.SeesOffice(5) != c.seesOther {
			t.Errorf("%s: regional %v canFile %v isAdmin %v seesOwn %v seesOther %v", c.role,
				p.Regional(), p.CanFile(), p.IsAdmin(), p.SeesOffice(4), p.SeesOffice(5))
		}
	}
}

func TestFromUserCarriesTheOffice(t *testing.T) {
	t.Parallel()
	office := int64(7)
	u := &models.User{ID: 3, Username: "op", Name: "Siti", NIP: "198001012005011001", Role: models.RoleOperator,
		OfficeID: &office, Office: &models.Office{ID: 7, Code: "Kk.11.07"}}
	p := access.FromUser(u)
	if p.UserID != 3 || p.OfficeID != 7 || p.OfficeCode != "Kk.11.07" || p.Role != models.RoleOperator || p.Name != "Siti" {
		t.Fatalf("principal %+v", p)
	}
	v := access.FromUser(&models.User{ID: 4, Username: "ver", Role: models.RoleVerifikator})
	if v.OfficeID != 0 || v.OfficeCode != "" || v.Regional() {
		t.Fatalf("verifier principal %+v", v)
	}
}
