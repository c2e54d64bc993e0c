package employees

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/app/eligibility"
)

// sheetOf builds an upload of n employees in the template's layout.
func sheetOf(b testing.TB, n int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	cols := TemplateColumns([]int{2025, 2024, 2023})
	head := make([]any, len(cols))
	for j, c := range cols {
		head[j] = c.Header
	}
	_ = sw.SetRow("A1", head)
	for i := 0; i < n; i++ {
		c := ahmad()
		c.NIP = fmt.Sprintf("19920315201903%04d", 1000+i)[:15] + fmt.Sprintf("%03d", i%999+1)
		rec := ToRecord(c)
		row := make([]any, len(cols))
		for j, col := range cols {
			row[j] = rec[col.Field]
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = sw.SetRow(cell, row)
	}
	_ = sw.Flush()
	var buf bytes.Buffer
	_, _ = f.WriteTo(&buf)
	return buf.Bytes()
}

// BenchmarkParseUpload measures reading a full upload (MaxRows employees).
func BenchmarkParseUpload(b *testing.B) {
	data := sheetOf(b, MaxRows)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("p.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatchOneEmployee measures the batch check of one employee
// against all 52 targets.
func BenchmarkBatchOneEmployee(b *testing.B) {
	c := ahmad()
	yes := true
	vac := func(eligibility.Target) *bool { return &yes }
	ref := eligibility.Request{}.ReferenceDate
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		scan(c, ref, vac, func(eligibility.Target, eligibility.Result, *eligibility.Outcome) {})
	}
}
