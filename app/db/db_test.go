package db_test

import (
	"context"
	"testing"

	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/models"
)

func TestMigrationsGoUpDownAndUpAgain(t *testing.T) {
	d := dbtest.OpenEmpty(t)
	ctx := context.Background()
	n, err := db.MigrateUp(ctx, d)
	if err != nil || n == 0 {
		t.Fatalf("up: %d %v", n, err)
	}
	count := func() int {
		c, err := d.NewSelect().Model((*models.Office)(nil)).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(c)
	}
	if c := count(); c != 36 {
		t.Fatalf("offices after up: %d, want 36", c)
	}
	if again, err := db.MigrateUp(ctx, d); err != nil || again != 0 {
		t.Fatalf("second up applied %d (%v), want 0", again, err)
	}
	down, err := db.MigrateDown(ctx, d)
	if err != nil || down != n {
		t.Fatalf("down: %d %v, want %d", down, err, n)
	}
	if _, err := d.NewSelect().Model((*models.Office)(nil)).Count(ctx); err == nil {
		t.Fatal("offices table still exists after down")
	}
	if n2, err := db.MigrateUp(ctx, d); err != nil || n2 != n {
		t.Fatalf("up again: %d %v", n2, err)
	}
	if c := count(); c != 36 {
		t.Fatalf("offices after up again: %d", c)
	}
}

func TestOfficeCodesAreTheSeededOnes(t *testing.T) {
	d := dbtest.Open(t)
	var o models.Office
	if err := d.NewSelect().Model(&o).Where("code = ?", "Kk.11.03").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	if o.Name != "Kantor Kementerian Agama Kabupaten Purbalingga" || o.Kind != "kabupaten" || o.CodeConfidence != "H" {
		t.Fatalf("Kk.11.03 = %+v", o)
	}
}

func TestDateColumnsKeepTheCalendarDate(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	o := &models.Office{}
	if err := d.NewSelect().Model(o).Where("code = 'Kk.11.03'").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	p := &models.Proposal{Kind: "jft", OfficeID: o.ID, Status: models.StatusDraft, Version: 1,
		ReferenceDate: models.MustDate("2024-02-29"), CreatedAt: models.MustDate("2024-01-01").Time(),
		UpdatedAt: models.MustDate("2024-01-01").Time()}
	if _, err := d.NewInsert().Model(p).Returning("id").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var got models.Proposal
	if err := d.NewSelect().Model(&got).Where("id = ?", p.ID).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got.ReferenceDate.String() != "2024-02-29" || !got.LetterDate.IsZero() {
		t.Fatalf("dates came back as %s / %v", got.ReferenceDate, got.LetterDate)
	}
}

func TestIsUniqueViolationOnBothDatabases(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	_, err := d.NewInsert().Model(&models.Office{Code: "Kk.11.03", Kind: "kota", Name: "x", CodeConfidence: "L",
		CreatedAt: models.MustDate("2026-11-30").Time(), UpdatedAt: models.MustDate("2026-11-30").Time()}).Exec(ctx)
	if !db.IsUniqueViolation(err) {
		t.Fatalf("duplicate code: %v not recognised as a unique violation", err)
	}
}
