package fpdf

// Usulan patch: font subsets cached across documents.

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// subset is a UTF-8 font's subset for one set of runes, ready to embed.
type subset struct {
	ttf         []byte // the font's bytes, kept so the key's address stays theirs
	fontStream  []byte // compressed subset
	fontSize    int    // its uncompressed length
	cidToGidMap []byte // compressed CIDToGIDMap
	lastRune    int
	widths      string // the CID font's /W entry
}

type subsetKey struct {
	ttf   *byte
	size  int
	runes string
}

// maxSubsets bounds the cache (oldest dropped first); an entry is a few
// tens of kilobytes.
const maxSubsets = 64

var subsets struct {
	sync.Mutex
	m     map[subsetKey]*subset
	order []subsetKey
}

// cachedSubset returns the subset of a UTF-8 font for the runes it used,
// building it (and leaving its utf8File in the state GenerateCutFont leaves
// it) when not cached. The result is read-only.
func cachedSubset(font *fontDefType) *subset {
	utf, usedRunes := font.utf8File, font.usedRunes
	runes := make([]int, 0, len(usedRunes))
	for _, r := range usedRunes {
		runes = append(runes, r)
	}
	sort.Ints(runes)
	var b strings.Builder
	for _, r := range runes {
		b.WriteString(strconv.Itoa(r))
		b.WriteByte(',')
	}
	data := utf.fileReader.array
	key := subsetKey{size: len(data), runes: b.String()}
	if len(data) > 0 {
		key.ttf = unsafe.SliceData(data)
	}
	subsets.Lock()
	sub := subsets.m[key]
	subsets.Unlock()
	if sub != nil {
		return sub
	}

	stream := utf.GenerateCutFont(usedRunes)
	codes := utf.CodeSymbolDictionary
	delete(codes, 0)
	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range codes {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	sub = &subset{ttf: data, fontSize: len(stream), lastRune: utf.LastRune, widths: cidFontWidths(font, utf.LastRune)}
	mem := xmem.compress(cidToGidMap)
	sub.cidToGidMap = append([]byte(nil), mem.bytes()...)
	mem.release()
	mem = xmem.compress(stream)
	sub.fontStream = append([]byte(nil), mem.bytes()...)
	mem.release()

	subsets.Lock()
	defer subsets.Unlock()
	if subsets.m == nil {
		subsets.m = map[subsetKey]*subset{}
	}
	if have := subsets.m[key]; have != nil {
		return have
	}
	if len(subsets.order) >= maxSubsets {
		delete(subsets.m, subsets.order[0])
		subsets.order = subsets.order[1:]
	}
	subsets.m[key] = sub
	subsets.order = append(subsets.order, key)
	return sub
}
