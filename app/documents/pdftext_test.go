package documents

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// pdfPages reads a PDF back and returns the text of each page, each text
// object separated by a space and runs of white space collapsed. It needs no
// outside program.
//
// github.com/ledongthuc/pdf parses the file, the streams and the content
// operators; the text itself is decoded here, because that package applies a
// ToUnicode "bfrange" only to the last byte of a code, and gofpdf maps all of
// 0000-FFFF in one range (every code above U+00FF would come out wrong:
// "ḥ" as "%"). Poppler, pdf.js and Acrobat carry into the higher byte, and so
// does toUnicode below.
func pdfPages(data []byte) (pages []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			return nil, fmt.Errorf("page %d missing", i)
		}
		pages = append(pages, pageText(p))
	}
	return pages, nil
}

// textFont decodes the strings shown with one font.
type textFont struct {
	twoByte bool
	ranges  []codeRange
}

type codeRange struct {
	lo, hi int
	dst    []rune // for a single-rune destination, dst[0] + (code - lo)
}

func (f *textFont) decode(raw string) string {
	var b strings.Builder
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(raw); i += step {
		code := int(raw[i])
		if f.twoByte {
			code = code<<8 | int(raw[i+1])
		}
		b.WriteString(f.lookup(code))
	}
	return b.String()
}

func (f *textFont) lookup(code int) string {
	for _, r := range f.ranges {
		if code >= r.lo && code <= r.hi {
			if len(r.dst) == 1 {
				return string(r.dst[0] + rune(code-r.lo))
			}
			return string(r.dst)
		}
	}
	if !f.twoByte {
		return string(rune(code)) // simple font: Latin-1 is close enough here
	}
	return "\uFFFD"
}

// toUnicode reads a ToUnicode CMap (bfchar and bfrange with string
// destinations), carrying increments across bytes. scratch is any dictionary
// value: "findresource" must leave a dictionary for the CMap's "begin".
func toUnicode(v, scratch pdf.Value) []codeRange {
	var out []codeRange
	num := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			n = n<<8 | int(s[i])
		}
		return n
	}
	runes := func(s string) []rune {
		u := make([]uint16, 0, len(s)/2)
		for i := 0; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return utf16.Decode(u)
	}
	var n int
	pdf.Interpret(v, func(stk *pdf.Stack, op string) {
		switch op {
		case "beginbfchar", "beginbfrange", "begincodespacerange":
			n = int(stk.Pop().Int64())
		case "endbfchar":
			for i := 0; i < n; i++ {
				dst, src := stk.Pop().RawString(), stk.Pop().RawString()
				out = append(out, codeRange{num(src), num(src), runes(dst)})
			}
		case "endbfrange":
			for i := 0; i < n; i++ {
				dst, hi, lo := stk.Pop(), stk.Pop().RawString(), stk.Pop().RawString()
				if dst.Kind() == pdf.String {
					out = append(out, codeRange{num(lo), num(hi), runes(dst.RawString())})
				}
			}
		case "endcodespacerange":
			for i := 0; i < 2*n; i++ {
				stk.Pop()
			}
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		case "defineresource":
			stk.Pop()
			stk.Pop()
			stk.Pop()
		}
	})
	return out
}

func pageFonts(p pdf.Page) map[string]*textFont {
	fonts := map[string]*textFont{}
	res := p.Resources().Key("Font")
	for _, name := range res.Keys() {
		fv := res.Key(name)
		f := &textFont{twoByte: fv.Key("Subtype").Name() == "Type0"}
		if tu := fv.Key("ToUnicode"); tu.Kind() == pdf.Stream {
			f.ranges = toUnicode(tu, fv)
		}
		fonts[name] = f
	}
	return fonts
}

// pageText shows every Tj/TJ string of the page in drawing order.
func pageText(p pdf.Page) string {
	fonts := pageFonts(p)
	cur := &textFont{}
	var b strings.Builder
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		switch op {
		case "BT":
			b.WriteByte(' ')
		case "Tf":
			stk.Pop() // size
			if f, ok := fonts[stk.Pop().Name()]; ok {
				cur = f
			}
		case "Tj", "'":
			b.WriteString(cur.decode(stk.Pop().RawString()))
		case "\"":
			s := stk.Pop().RawString()
			stk.Pop()
			stk.Pop()
			b.WriteString(cur.decode(s))
		case "TJ":
			arr := stk.Pop()
			for i := 0; i < arr.Len(); i++ {
				if v := arr.Index(i); v.Kind() == pdf.String {
					b.WriteString(cur.decode(v.RawString()))
				}
			}
		default:
			// operands of every other operator are dropped
			for stk.Len() > 0 {
				stk.Pop()
			}
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
