package documents

import (
	"fmt"
	"io"
)

// BundleLetter is one letter of a bundle: a SubmissionLetter or a
// StaffingLetter.
type BundleLetter interface {
	bundle() (letterState, func(d *doc))
}

// letterState is what changes from one letter of a bundle to the next.
type letterState struct {
	draft      bool
	footerNote string
	nb         string
}

func (l SubmissionLetter) bundle() (letterState, func(d *doc)) {
	l = l.withDefaults()
	st := letterState{draft: l.Draft}
	if l.Draft {
		st.footerNote = draftFooter
	}
	return st, l.draw
}

func (s StaffingLetter) bundle() (letterState, func(d *doc)) {
	s = s.withDefaults()
	st := letterState{draft: s.Draft}
	if s.Draft {
		st.footerNote = draftFooter
	}
	return st, s.draw
}

// RenderBundle writes several letters into one PDF (a bulk print), each laid
// out exactly as when printed alone and numbering its own pages
// ("Halaman 1 dari 3" restarts with each letter). At least one letter.
func RenderBundle(w io.Writer, title string, letters []BundleLetter) error {
	if len(letters) == 0 {
		return fmt.Errorf("documents: empty bundle")
	}
	fs := loadedFonts()
	if fs.err != nil {
		return fs.err
	}
	d := newDoc(fs, docMeta{title: title, author: "Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah"})
	for i, l := range letters {
		st, draw := l.bundle()
		st.nb = fmt.Sprintf("{nb%d}", i+1)
		d.pending = &st
		start := d.pdf.PageNo()
		draw(d)
		d.pdf.RegisterAlias(st.nb, itoa(d.pdf.PageNo()-start))
	}
	return d.output(w)
}
