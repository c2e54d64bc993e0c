package documents

import (
	_ "embed"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"unsafe"

	"github.com/go-pdf/fpdf"
)

// The embedded fonts: subsets of DejaVu Sans Condensed (see fonts/README.md
// and fonts/LICENSE-DejaVu.txt).
var (
	//go:embed fonts/DejaVuSansCondensed-subset.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSansCondensed-Bold-subset.ttf
	fontBold []byte
)

// fontFamily is the family name the documents use with SetFont.
const fontFamily = "dejavu"

// nbAlias is the placeholder for the total page count ("Halaman 2 dari 5").
const nbAlias = "{nb}"

// fontSet holds the fonts parsed once per process.
//
// gofpdf parses a TrueType font on every AddUTF8FontFromBytes and then hashes
// its whole 65,536-entry width table through encoding/json to name it: about
// 2 ms a font on this hardware, more than the rest of a one-page letter. It
// has no public way to share a parsed font between documents, so the set
// keeps a prototype document's parsed font definitions and installs a copy of
// them into each new document (see install). The copy gets its own per-document
// state (used runes, subsetting scratch space, file cursor); the parsed tables
// and width arrays are shared read-only. If gofpdf's internals ever stop
// matching what install expects, the set falls back to parsing per document,
// which is slower but produces the same bytes (TestFontFastPathMatchesSlowPath).
type fontSet struct {
	fast bool
	keys []string      // font keys in the prototype, sorted
	defs reflect.Value // map[string]fpdf.fontDefType of the prototype, read-only
	has  []bool        // BMP runes with a glyph in both fonts
	err  error
}

var (
	fontsOnce sync.Once
	fonts     *fontSet
)

// loadedFonts parses the embedded fonts on first use.
func loadedFonts() *fontSet {
	fontsOnce.Do(func() { fonts = newFontSet() })
	return fonts
}

func newFontSet() *fontSet {
	fs := &fontSet{}
	proto := fpdf.New("P", "mm", "A4", "")
	proto.AliasNbPages(nbAlias)
	proto.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	proto.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	if err := proto.Error(); err != nil {
		fs.err = fmt.Errorf("documents: embedded fonts: %w", err)
		return fs
	}
	reg, err := coverage(fontRegular)
	if err != nil {
		fs.err = err
		return fs
	}
	bold, err := coverage(fontBold)
	if err != nil {
		fs.err = err
		return fs
	}
	for r := range reg {
		reg[r] = reg[r] && bold[r]
	}
	fs.has = reg
	fs.fast = fs.capture(proto) == nil
	return fs
}

// coverage returns which BMP runes have a glyph in a TrueType font, from its
// (3,1) or (0,x) format-4 cmap: the same table gofpdf maps text through.
func coverage(ttf []byte) ([]bool, error) {
	u16 := func(p int) int { return int(ttf[p])<<8 | int(ttf[p+1]) }
	u32 := func(p int) int { return u16(p)<<16 | u16(p+2) }
	if len(ttf) < 12 {
		return nil, fmt.Errorf("documents: font too short")
	}
	cmap := -1
	for i, n := 0, u16(4); i < n; i++ {
		rec := 12 + 16*i
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		return nil, fmt.Errorf("documents: font has no cmap")
	}
	sub := -1
	for i, n := 0, u16(cmap+2); i < n; i++ {
		rec := cmap + 4 + 8*i
		platform, encoding, off := u16(rec), u16(rec+2), u32(rec+4)
		if (platform == 3 && encoding == 1 || platform == 0) && u16(cmap+off) == 4 {
			sub = cmap + off
			break
		}
	}
	if sub < 0 {
		return nil, fmt.Errorf("documents: font has no format-4 Unicode cmap")
	}
	segs := u16(sub+6) / 2
	ends, starts, deltas, offsets := sub+14, sub+16+2*segs, sub+16+4*segs, sub+16+6*segs
	has := make([]bool, 0x10000)
	for s := 0; s < segs; s++ {
		end, start := u16(ends+2*s), u16(starts+2*s)
		delta, ro := u16(deltas+2*s), u16(offsets+2*s)
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if p := offsets + 2*s + ro + 2*(c-start); p+1 < len(ttf) {
				if g = u16(p); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			has[c] = g != 0
		}
	}
	return has, nil
}

// unexported makes an unexported (but addressable) field usable.
func unexported(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// capture keeps the prototype's parsed fonts, after checking that gofpdf's
// internals have the shape install relies on.
func (fs *fontSet) capture(proto *fpdf.Fpdf) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("documents: unexpected fpdf internals: %v", r)
		}
	}()
	f := reflect.ValueOf(proto).Elem().FieldByName("fonts")
	if !f.IsValid() || f.Kind() != reflect.Map || f.Type().Key().Kind() != reflect.String ||
		f.Type().Elem().Kind() != reflect.Struct {
		return fmt.Errorf("documents: fpdf has no fonts map")
	}
	def := f.Type().Elem()
	if ur, ok := def.FieldByName("usedRunes"); !ok || ur.Type != reflect.TypeOf(map[int]int{}) {
		return fmt.Errorf("documents: fpdf font has no usedRunes")
	}
	uf, ok := def.FieldByName("utf8File")
	if !ok || uf.Type.Kind() != reflect.Pointer || uf.Type.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("documents: fpdf font has no utf8File")
	}
	fr, ok := uf.Type.Elem().FieldByName("fileReader")
	if !ok || fr.Type.Kind() != reflect.Pointer || fr.Type.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("documents: fpdf utf8 font has no fileReader")
	}
	if pos, ok := fr.Type.Elem().FieldByName("readerPosition"); !ok || pos.Type.Kind() != reflect.Int64 {
		return fmt.Errorf("documents: fpdf fileReader has no readerPosition")
	}
	m := unexported(f)
	copyMap := reflect.MakeMap(f.Type())
	iter := m.MapRange()
	for iter.Next() {
		copyMap.SetMapIndex(iter.Key(), iter.Value())
		fs.keys = append(fs.keys, iter.Key().String())
	}
	sort.Strings(fs.keys)
	if len(fs.keys) != 2 {
		return fmt.Errorf("documents: prototype has %d fonts, want 2", len(fs.keys))
	}
	fs.defs = copyMap
	return nil
}

// install makes the embedded fonts available in pdf, which must have had
// AliasNbPages(nbAlias) called and no font added yet.
func (fs *fontSet) install(pdf *fpdf.Fpdf) {
	if fs.fast && fs.inject(pdf) == nil {
		return
	}
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
}

// inject copies the prototype's font definitions into pdf, giving each copy
// fresh per-document state, exactly as AddUTF8FontFromBytes would leave it.
func (fs *fontSet) inject(pdf *fpdf.Fpdf) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("documents: font injection: %v", r)
		}
	}()
	dst := unexported(reflect.ValueOf(pdf).Elem().FieldByName("fonts"))
	for _, key := range fs.keys {
		k := reflect.ValueOf(key)
		src := fs.defs.MapIndex(k)
		def := reflect.New(src.Type()).Elem()
		def.Set(src)
		// AddUTF8FontFromBytes after AliasNbPages starts with runes 0..31.
		used := make(map[int]int, 64)
		for i := 0; i < 32; i++ {
			used[i] = 0
		}
		unexported(def.FieldByName("usedRunes")).Set(reflect.ValueOf(used))
		uf := unexported(def.FieldByName("utf8File"))
		file := reflect.New(uf.Type().Elem())
		file.Elem().Set(uf.Elem())
		fr := unexported(file.Elem().FieldByName("fileReader"))
		reader := reflect.New(fr.Type().Elem())
		reader.Elem().Set(fr.Elem())
		unexported(reader.Elem().FieldByName("readerPosition")).SetInt(0)
		fr.Set(reader)
		uf.Set(file)
		dst.SetMapIndex(k, def)
	}
	return nil
}

// Prepare parses the embedded fonts now rather than on the first render, so a
// server can fail at start instead of on its first request. It is safe to
// call more than once and from several goroutines.
func Prepare() error { return loadedFonts().err }
