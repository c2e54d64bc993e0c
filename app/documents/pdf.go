package documents

import (
	"bytes"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"

	"github.com/kemenagjateng/usulan/models"
)

// Page geometry in millimetres (A4).
const (
	a4W = 210.0
	a4H = 297.0
)

// Orientations for newPage.
const (
	portrait  = "P"
	landscape = "L"
)

// margins of a page: left, top, right, bottom (the footer sits inside the
// bottom margin).
type margins struct{ l, t, r, b float64 }

var (
	letterMargins    = margins{l: 25, t: 12, r: 20, b: 20}
	continueMargins  = margins{l: 25, t: 20, r: 20, b: 20}
	landscapeMargins = margins{l: 15, t: 12, r: 15, b: 16}
)

// docMeta is the document information dictionary.
type docMeta struct {
	title   string
	subject string
	author  string
	date    models.Date // creation date (fixed, so output is reproducible)
}

// doc wraps one fpdf document with the layout helpers every renderer uses.
// Automatic page breaks are off: renderers call ensure before drawing
// anything that must stay in one piece, so a table row or a signature block is
// never split.
type doc struct {
	pdf *fpdf.Fpdf
	fs  *fontSet

	draft      bool
	footerNote string // small text at the left of every footer

	// In a bundle of letters (bundle.go) each letter numbers its own pages:
	// from pageBase, out of the alias nb. The next letter's state waits in
	// pending until its first page is added, because adding a page draws
	// the previous page's footer.
	pageBase int
	nb       string
	pending  *letterState

	orient string
	w, h   float64 // current page size
	m      margins // current page margins

	style string
	size  float64

	// onBreak starts a continuation page when ensure runs out of room. It is
	// replaced while a table is drawn (so the header is repeated).
	onBreak func()
}

func newDoc(fs *fontSet, meta docMeta) *doc {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: portrait, UnitStr: "mm", SizeStr: "A4"})
	d := &doc{pdf: pdf, fs: fs, size: -1}
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	created := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if !meta.date.IsZero() {
		created = meta.date.Time()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetProducer("Usulan (go-pdf/fpdf)", true)
	pdf.SetCreator("Usulan - Kementerian Agama Provinsi Jawa Tengah", true)
	pdf.SetTitle(meta.title, true)
	if meta.subject != "" {
		pdf.SetSubject(meta.subject, true)
	}
	if meta.author != "" {
		pdf.SetAuthor(meta.author, true)
	}
	pdf.SetLang("id-ID")
	pdf.AliasNbPages(nbAlias)
	fs.install(pdf)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFooterFunc(d.footer)
	d.onBreak = func() { d.newPage(portrait, continueMargins) }
	return d
}

// output writes the finished document.
func (d *doc) output(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return err
	}
	return d.pdf.Output(w)
}

// newPage starts a page; a draft gets its watermark first, under everything.
func (d *doc) newPage(orient string, m margins) {
	d.pdf.AddPageFormat(orient, fpdf.SizeType{Wd: a4W, Ht: a4H})
	if st := d.pending; st != nil {
		d.draft, d.footerNote, d.nb, d.pageBase, d.pending = st.draft, st.footerNote, st.nb, d.pdf.PageNo()-1, nil
	}
	d.orient = orient
	if orient == landscape {
		d.w, d.h = a4H, a4W
	} else {
		d.w, d.h = a4W, a4H
	}
	d.m = m
	d.size = -1 // gofpdf re-emits the font on a new page; keep our cache honest
	if d.draft {
		d.watermark()
	}
	d.pdf.SetXY(m.l, m.t)
}

// watermark draws a large light-grey diagonal "DRAF" across the page.
func (d *doc) watermark() {
	p := d.pdf
	cx, cy := d.w/2, d.h/2
	p.TransformBegin()
	p.TransformRotate(40, cx, cy)
	d.font("B", 120)
	p.SetTextColor(230, 230, 230)
	tw := d.width("DRAF")
	p.SetXY(cx-tw/2, cy-20)
	p.CellFormat(tw, 40, "DRAF", "", 0, "C", false, 0, "")
	p.TransformEnd()
	p.SetTextColor(0, 0, 0)
}

// footer prints the page number ("Halaman 2 dari 5") and the footer note.
func (d *doc) footer() {
	p := d.pdf
	y := d.h - d.m.b + 7
	d.font("", 7.5)
	p.SetTextColor(90, 90, 90)
	if d.footerNote != "" {
		p.SetXY(d.m.l, y)
		p.CellFormat(d.contentW()*0.7, 4, d.footerNote, "", 0, "L", false, 0, "")
	}
	page, alias := p.PageNo()-d.pageBase, nbAlias
	if d.nb != "" {
		alias = d.nb
	}
	label := "Halaman " + itoa(page) + " dari "
	// The alias is replaced by the page count after layout; reserve room for
	// as many digits as the current page number has.
	tw := d.width(label) + d.width(strings.Repeat("0", len(itoa(page))))
	p.SetXY(d.w-d.m.r-tw, y)
	p.CellFormat(tw, 4, label+alias, "", 0, "L", false, 0, "")
	p.SetTextColor(0, 0, 0)
}

// Geometry helpers.
func (d *doc) left() float64     { return d.m.l }
func (d *doc) right() float64    { return d.w - d.m.r }
func (d *doc) contentW() float64 { return d.w - d.m.l - d.m.r }
func (d *doc) bottom() float64   { return d.h - d.m.b }
func (d *doc) y() float64        { return d.pdf.GetY() }
func (d *doc) setY(y float64)    { d.pdf.SetY(y) }
func (d *doc) skip(h float64)    { d.pdf.SetY(d.pdf.GetY() + h) }

// ensure starts a continuation page when less than h millimetres are left.
func (d *doc) ensure(h float64) bool {
	if d.y()+h <= d.bottom() {
		return false
	}
	d.onBreak()
	return true
}

// font selects the embedded font: style "" or "B", size in points.
func (d *doc) font(style string, size float64) {
	if style == d.style && size == d.size {
		return
	}
	d.style, d.size = style, size
	d.pdf.SetFont(fontFamily, style, size)
}

// width is the width of s in the current font, in millimetres.
func (d *doc) width(s string) float64 { return d.pdf.GetStringWidth(d.clean(s)) }

// clean makes s printable with the embedded fonts: tabs become spaces,
// carriage returns go, and a rune without a glyph becomes U+FFFD.
func (d *doc) clean(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c >= 0x7F {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == '\n':
			b.WriteByte('\n')
		case r < 0x20 || r == 0x7F:
			// drop other control characters (including \r)
		case r < 0x10000 && d.fs.has[r]:
			b.WriteRune(r)
		case r >= 0x80 && r < 0xA0:
			// C1 controls
		default:
			b.WriteRune(utf8.RuneError)
		}
	}
	return b.String()
}

// wrap breaks s into lines no wider than w in the current font. Explicit
// newlines are kept; a word longer than w is broken between characters.
func (d *doc) wrap(s string, w float64) []string {
	s = d.clean(s)
	var lines []string
	space := d.width(" ")
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		var cur strings.Builder
		curW := 0.0
		for _, word := range words {
			ww := d.width(word)
			if cur.Len() > 0 && curW+space+ww <= w {
				cur.WriteByte(' ')
				cur.WriteString(word)
				curW += space + ww
				continue
			}
			if cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
				curW = 0
			}
			for ww > w {
				// Break an over-long word (a URL, a long number) by runes.
				cut, cw := 0, 0.0
				for i, r := range word {
					rw := d.width(string(r))
					if cw+rw > w && i > 0 {
						break
					}
					cut = i + utf8.RuneLen(r)
					cw += rw
				}
				lines = append(lines, word[:cut])
				word = word[cut:]
				ww = d.width(word)
			}
			cur.WriteString(word)
			curW = ww
		}
		lines = append(lines, cur.String())
	}
	return lines
}

// text prints one line in a box of width w at (x, y); align is "L", "C" or
// "R". The text must already fit.
func (d *doc) text(x, y, w, h float64, s, align string) {
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, h, d.clean(s), "", 0, align, false, 0, "")
}

// lines prints wrapped text at x, starting at the current y, breaking pages
// as needed, and leaves y below the last line. align "J" justifies every line
// but the last of each paragraph.
func (d *doc) lines(x, w, lineH float64, s, align string) {
	ls := d.wrap(s, w)
	for i, line := range ls {
		d.ensure(lineH)
		a := align
		if align == "J" {
			last := i == len(ls)-1 || ls[i+1] == ""
			if last || !strings.Contains(line, " ") {
				a = "L"
			}
		}
		d.text(x, d.y(), w, lineH, line, a)
		d.setY(d.y() + lineH)
	}
}

// hline draws a horizontal line.
func (d *doc) hline(x1, x2, y, width float64) {
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x1, y, x2, y)
}

// kop draws the letterhead: ministry, office, contact lines and a double rule.
func (d *doc) kop(o Office) {
	x, w := d.left(), d.contentW()
	y := d.m.t
	top := y
	if len(o.Emblem) > 0 {
		// The emblem stands at the left; the text is centred in the rest,
		// kept clear of it on both sides so the block stays centred.
		const size = 22.0
		opts := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
		if info := d.pdf.RegisterImageOptionsReader("emblem", opts, bytes.NewReader(o.Emblem)); info != nil && d.pdf.Ok() {
			ew := size
			if info.Height() > 0 {
				ew = size * info.Width() / info.Height()
			}
			d.pdf.ImageOptions("emblem", x, top, ew, size, false, opts, 0, "")
			x, w = x+ew+2, w-2*(ew+2)
		}
	}
	d.font("B", 13)
	d.text(x, y, w, 6, "KEMENTERIAN AGAMA REPUBLIK INDONESIA", "C")
	y += 6
	name := strings.ToUpper(d.clean(strings.TrimSpace(o.Name)))
	size := 12.0
	d.font("B", size)
	for d.width(name) > w && size > 8 {
		size -= 0.5
		d.font("B", size)
	}
	for _, line := range d.wrap(name, w) {
		d.text(x, y, w, 5.5, line, "C")
		y += 5.5
	}
	d.font("", 8.5)
	var first, second []string
	if s := strings.TrimSpace(o.Address); s != "" {
		first = append(first, s)
	}
	if s := strings.TrimSpace(o.Phone); s != "" {
		first = append(first, "Telepon "+s)
	}
	if s := strings.TrimSpace(o.Fax); s != "" {
		first = append(first, "Faksimile "+s)
	}
	if s := strings.TrimSpace(o.Website); s != "" {
		second = append(second, "Website: "+s)
	}
	if s := strings.TrimSpace(o.Email); s != "" {
		second = append(second, "Email: "+s)
	}
	y += 0.5
	for _, part := range [][]string{first, second} {
		if len(part) == 0 {
			continue
		}
		for _, line := range d.wrap(strings.Join(part, "; "), w) {
			d.text(x, y, w, 3.9, line, "C")
			y += 3.9
		}
	}
	y += 1.8
	if len(o.Emblem) > 0 && y < top+23 {
		y = top + 23 // the rule runs below the emblem
	}
	x, w = d.left(), d.contentW()
	d.hline(x, x+w, y, 0.8)
	d.hline(x, x+w, y+1.1, 0.25)
	d.pdf.SetLineWidth(0.2)
	d.setY(y + 6)
}

// metaField is one row of the Nomor/Sifat/Lampiran/Hal block.
type metaField struct{ label, value string }

// letterMeta prints Nomor, Sifat, Lampiran and Hal with aligned colons, and
// the place and date on the right of the first line (or above the block when
// the number is too long to share its line).
func (d *doc) letterMeta(fields []metaField, placeDate string) {
	const lineH = 5.5
	d.font("", 11)
	x := d.left()
	labelW := 0.0
	for _, f := range fields {
		if lw := d.width(f.label); lw > labelW {
			labelW = lw
		}
	}
	colonX := x + labelW + 3
	valueX := colonX + d.width(":") + 2
	placeDate = d.clean(placeDate)
	dateW := d.width(placeDate)
	dateX := d.right() - dateW
	valueW := (d.right() - valueX) * 0.72
	if len(fields) > 0 && d.width(d.clean(fields[0].value)) > dateX-4-valueX {
		// The number needs the whole line: the date goes above the block.
		d.text(dateX, d.y(), dateW, lineH, placeDate, "L")
		d.skip(lineH * 1.5)
		placeDate = ""
	}
	for i, f := range fields {
		y := d.y()
		d.text(x, y, labelW, lineH, f.label, "L")
		d.text(colonX, y, 2, lineH, ":", "L")
		if i == 0 {
			if placeDate != "" {
				d.text(dateX, y, dateW, lineH, placeDate, "L")
			}
			d.text(valueX, y, d.right()-valueX, lineH, f.value, "L")
			d.skip(lineH)
			continue
		}
		d.lines(valueX, valueW, lineH, f.value, "L")
	}
}

// addressee prints "Yth. <addressee>" with a hanging indent and "di <city>".
func (d *doc) addressee(name, city string) {
	const lineH = 5.5
	d.font("", 11)
	x := d.left()
	prefix := "Yth. "
	indent := d.width(prefix)
	w := 82.0
	d.text(x, d.y(), indent, lineH, prefix, "L")
	d.lines(x+indent, w, lineH, name, "L")
	if strings.TrimSpace(city) != "" {
		d.lines(x+indent, w, lineH, "di "+city, "L")
	}
}

// paragraphs prints justified body paragraphs.
func (d *doc) paragraphs(ps []string, size, lineH, gap float64) {
	d.font("", size)
	for i, p := range ps {
		if i > 0 {
			d.skip(gap)
		}
		d.lines(d.left(), d.contentW(), lineH, p, "J")
	}
}

// Signature block geometry.
const (
	sigW     = 78.0 // width of the block, flush right
	sigLineH = 5.5
	sigSpace = 20.0 // room for the handwritten signature and stamp
)

// sigLayout is a signature block laid out: the lines above the signature
// space, the name (one line, never broken inside a title), its font size and
// the block's width.
type sigLayout struct {
	head     []string
	name     string
	nameSize float64
	w        float64
}

// signatureLayout lays out the block: the date line and title above the
// signature space, the name below it on one line — in a smaller size, then
// in a wider block, rather than broken ("S.Ag.,/M.Pd.I." is one name).
func (d *doc) signatureLayout(s Signatory, dateLine string) sigLayout {
	l := sigLayout{w: sigW, nameSize: 11, name: strings.TrimSpace(s.Name)}
	d.font("B", l.nameSize)
	for d.width(l.name) > l.w && l.nameSize > 9 {
		l.nameSize -= 0.5
		d.font("B", l.nameSize)
	}
	if nw := d.width(l.name) + 1; nw > l.w {
		l.w = min(nw, d.contentW())
	}
	d.font("", 11)
	title := strings.TrimSpace(s.Title)
	if title != "" && !strings.HasSuffix(title, ",") {
		title += ","
	}
	if dateLine != "" {
		l.head = append(l.head, d.wrap(dateLine, l.w)...)
	}
	if title != "" {
		l.head = append(l.head, d.wrap(title, l.w)...)
	}
	return l
}

// signatureHeight is the height signature will take, plus gap above it.
func (d *doc) signatureHeight(s Signatory, dateLine string, gap float64) float64 {
	l := d.signatureLayout(s, dateLine)
	return gap + float64(len(l.head)+2)*sigLineH + sigSpace
}

// signature prints a signature block on the right; it is never split.
func (d *doc) signature(s Signatory, dateLine string) {
	l := d.signatureLayout(s, dateLine)
	d.ensure(d.signatureHeight(s, dateLine, 0))
	x := d.right() - l.w
	d.font("", 11)
	for _, line := range l.head {
		d.text(x, d.y(), l.w, sigLineH, line, "L")
		d.skip(sigLineH)
	}
	d.skip(sigSpace)
	d.font("B", l.nameSize)
	d.text(x, d.y(), l.w, sigLineH, l.name, "L")
	d.skip(sigLineH)
	d.font("", 11)
	if s.NIP != "" {
		d.text(x, d.y(), l.w, sigLineH, "NIP "+s.NIP, "L")
		d.skip(sigLineH)
	}
}

// tembusan prints the copies-to list; one item is not numbered.
func (d *doc) tembusan(items []string) {
	var list []string
	for _, it := range items {
		if s := strings.TrimSpace(it); s != "" {
			list = append(list, s)
		}
	}
	if len(list) == 0 {
		return
	}
	const lineH = 4.8
	d.font("", 10)
	d.ensure(lineH * 2)
	d.text(d.left(), d.y(), d.contentW(), lineH, "Tembusan:", "L")
	d.skip(lineH)
	if len(list) == 1 {
		d.lines(d.left(), d.contentW(), lineH, list[0], "L")
		return
	}
	numW := d.width(itoa(len(list))+".") + 2
	for i, it := range list {
		d.ensure(lineH)
		d.text(d.left(), d.y(), numW, lineH, itoa(i+1)+".", "L")
		d.lines(d.left()+numW, d.contentW()-numW, lineH, it, "L")
	}
}

// verifyBlock prints, at the foot of the current page, a QR code of url and
// the verification code, so a reader can check the letter's authenticity.
func (d *doc) verifyBlock(code, url, issuer string) {
	const size = 22.0
	const lineH = 3.8
	top := d.bottom() - size
	if d.y() > top-4 {
		d.onBreak()
	}
	x := d.left()
	d.pdf.SetDrawColor(150, 150, 150)
	d.hline(x, d.right(), top-3, 0.2)
	d.pdf.SetDrawColor(0, 0, 0)
	tx := x
	if url != "" {
		d.qr(url, x, top, size)
		tx = x + size + 4
	}
	tw := d.right() - tx
	var text []string
	text = append(text, "Dokumen ini diterbitkan melalui aplikasi Usulan "+issuer+".")
	switch {
	case code != "" && url != "":
		text = append(text, "Kode verifikasi: "+code+" \u2014 periksa keaslian di "+url)
	case code != "":
		text = append(text, "Kode verifikasi: "+code)
	default:
		text = append(text, "Periksa keaslian di "+url)
	}
	d.font("", 8)
	d.setY(top + 3)
	for _, t := range text {
		d.lines(tx, tw, lineH, t, "L")
	}
}

// qr draws a QR code of content as vector squares (crisp at any zoom, and
// the same bytes every time).
func (d *doc) qr(content string, x, y, size float64) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		d.pdf.SetError(err)
		return
	}
	q.DisableBorder = true
	bmp := q.Bitmap()
	n := float64(len(bmp))
	if n == 0 {
		return
	}
	m := size / n
	d.pdf.SetFillColor(0, 0, 0)
	for i, row := range bmp {
		for j := 0; j < len(row); {
			if !row[j] {
				j++
				continue
			}
			k := j
			for k < len(row) && row[k] {
				k++
			}
			d.pdf.Rect(x+float64(j)*m, y+float64(i)*m, float64(k-j)*m, m+0.02, "F")
			j = k
		}
	}
}

// box prints text inside a bordered, tinted box (used for warnings).
func (d *doc) box(title, body string, r, g, b int) {
	const lineH = 5
	const pad = 3.0
	w := d.contentW()
	d.font("B", 10.5)
	tl := d.wrap(title, w-2*pad)
	d.font("", 10)
	bl := d.wrap(body, w-2*pad)
	h := float64(len(tl)+len(bl))*lineH + 2*pad
	d.ensure(h)
	x, y := d.left(), d.y()
	d.pdf.SetFillColor(253, 240, 240)
	d.pdf.SetDrawColor(r, g, b)
	d.pdf.SetLineWidth(0.6)
	d.pdf.Rect(x, y, w, h, "FD")
	d.pdf.SetLineWidth(0.2)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetTextColor(r, g, b)
	d.font("B", 10.5)
	yy := y + pad
	for _, l := range tl {
		d.text(x+pad, yy, w-2*pad, lineH, l, "L")
		yy += lineH
	}
	d.pdf.SetTextColor(0, 0, 0)
	d.font("", 10)
	for i, l := range bl {
		a := "L"
		if i < len(bl)-1 && bl[i+1] != "" && strings.Contains(l, " ") {
			a = "J"
		}
		d.text(x+pad, yy, w-2*pad, lineH, l, a)
		yy += lineH
	}
	d.setY(y + h)
}

// heading prints a centred bold title, wrapped.
func (d *doc) heading(s string, size float64) {
	d.font("B", size)
	lineH := size * 0.48
	for _, l := range d.wrap(s, d.contentW()) {
		d.ensure(lineH)
		d.text(d.left(), d.y(), d.contentW(), lineH, l, "C")
		d.skip(lineH)
	}
}

// keyValues prints "label : value" rows with aligned colons, values wrapped.
func (d *doc) keyValues(x, w float64, rows []metaField, size, lineH float64) {
	d.font("", size)
	labelW := 0.0
	for _, r := range rows {
		if lw := d.width(r.label); lw > labelW {
			labelW = lw
		}
	}
	colonX := x + labelW + 2
	valueX := colonX + d.width(":") + 2
	for _, r := range rows {
		d.ensure(lineH)
		d.text(x, d.y(), labelW, lineH, r.label, "L")
		d.text(colonX, d.y(), 2, lineH, ":", "L")
		d.lines(valueX, x+w-valueX, lineH, r.value, "L")
	}
}

// numbered prints a numbered list with hanging indents ("1. ...").
func (d *doc) numbered(x, w float64, items []string, size, lineH float64) {
	d.numberedFrom(x, w, items, 1, len(items), size, lineH)
}

// numberedFrom prints items numbered from start, aligned for total items.
func (d *doc) numberedFrom(x, w float64, items []string, start, total int, size, lineH float64) {
	d.font("", size)
	numW := d.width(itoa(total)+".") + 2
	for i, it := range items {
		d.ensure(lineH)
		d.text(x, d.y(), numW, lineH, itoa(start+i)+".", "L")
		d.lines(x+numW, w-numW, lineH, it, "J")
	}
}

// subheading prints a bold line at the left, kept with minBelow mm of what
// follows.
// blockHeight is the height numbered items or paragraphs will take.
func (d *doc) blockHeight(items []string, numbered bool, size, lineH float64) float64 {
	d.font("", size)
	w := d.contentW()
	if numbered {
		w -= d.width(itoa(len(items))+".") + 2
	}
	h := 0.0
	for i, it := range items {
		h += float64(len(d.wrap(it, w))) * lineH
		if !numbered && i > 0 {
			h += 2.8
		}
	}
	return h
}

func (d *doc) subheading(s string, size, minBelow float64) {
	d.font("B", size)
	lineH := size * 0.5
	ls := d.wrap(s, d.contentW())
	d.ensure(float64(len(ls))*lineH + minBelow)
	for _, l := range ls {
		d.text(d.left(), d.y(), d.contentW(), lineH, l, "L")
		d.skip(lineH)
	}
}

// indonesianDate is models.Date.Indonesian with a dash for "no date".
func indonesianDate(dt models.Date) string {
	if dt.IsZero() {
		return "-"
	}
	return dt.Indonesian()
}

// itoa formats a small integer without importing strconv everywhere.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
