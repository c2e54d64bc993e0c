package workflow

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/store"
)

// The proposal search (q= on the proposal list, the API's list, the inbox):
// a candidate's name or NIP, or the letter number or staffing title, each
// typed in part and in any case, an apostrophe matching ' and ’.
//
// A search of words only (letters, no digit) goes through the word indexes
// (migration 20261207200001): each word typed is the start of a word of a
// name or title, in any order, with case, diacritics and apostrophes
// folded, so "nur ai hid" and "hidayat nur’aini" find Nur'aini Hidayat. Its
// cost follows the rows holding those words, not the rows sharing their
// trigrams. Only when the word indexes hold no match at all (in any
// office) does such a search fall back to the trigram path, which finds a
// part from inside a word ("ur’ain").
//
// A search that begins like a letter number (a classification letter, a
// hyphen and a digit: "B-17/Kk.11.03") finds the letters whose number
// begins so, in any case, through an index on the lower-cased number
// (migration 20261208000002): its cost follows the letters that match, not
// every letter sharing "/kk.11".
//
// Any other search (a NIP, the middle of a letter number) goes
// through a trigram index (pg_trgm on PostgreSQL, FTS5 trigram on SQLite,
// migration 20261205130001) over the lower-cased text "name nip" and
// "letter-number title", which finds any substring (a search shorter than
// three characters has no trigram and scans).

// search is a search resolved once for a list: its text and, when the word
// indexes answer it, its words.
type search struct {
	q      string
	words  []string // nil: the trigram path
	ids    []int64  // the proposals the words find, when at most searchInline
	letter string   // the start of a letter number, lower case: the prefix path
}

// searchInline bounds the proposals a words search lists by id in the
// list's queries (found once, in resolveSearch); past it the list's
// queries search again (a few milliseconds for the commonest names).
var searchInline = 1000

// letterStart is a search typed as the start of a letter number.
var letterStart = regexp.MustCompile(`^[A-Za-z]{1,2}-[0-9]`)

// resolveSearch decides how q is searched: by its words when it has only
// letters and the word indexes hold a match (one query, an index probe that
// stops at the first match), else by trigrams. The fallback is decided here
// rather than in the search's SQL: SQLite would read the trigram index even
// under a condition known to be false.
func (s *Service) resolveSearch(ctx context.Context, st *store.Store, q string) (search, error) {
	sr := search{q: q}
	// Across offices: the ids found pick the path and narrow the list's
	// queries, which keep their office scope; no row is shown from them.
	u := st.Unscoped(searchWhy)
	found := func(q *bun.SelectQuery) ([]int64, error) {
		var ids []int64
		err := u.Over(q, "m").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ColumnExpr("m.*").Limit(int64(searchInline) + 1)
		}).Scan(ctx, &ids)
		return ids, err
	}
	if letterStart.MatchString(q) {
		// Listed by id when few: PostgreSQL cannot tell how few letters
		// begin so, and would walk the list's order checking each.
		sr.letter = strings.ToLower(q)
		ids, err := found(s.letterIDs(st, sr.letter))
		if err == nil && len(ids) <= searchInline {
			sr.ids = ids
		}
		return sr, err
	}
	words, ok := searchWords(q)
	if !ok {
		return sr, nil
	}
	w := s.wordQueries(st, words)
	ids, err := found(w.cands.Union(w.props))
	if err != nil {
		return sr, err
	}
	if len(ids) > 0 {
		sr.words = words
	}
	if len(ids) <= searchInline {
		sr.ids = ids
	}
	return sr, nil
}

// searchWhy is why a search reads across offices.
const searchWhy = "the proposals a search finds narrow a scoped list; no row is shown"

// searchIDs is the ids of the proposals a resolved search finds, for
// "p.id IN (?)": a list of ids or a query (across offices, built on st
// Unscoped: it narrows a query that keeps st's scope).
func (s *Service) searchIDs(st *store.Store, sr search) any {
	if (sr.words != nil || sr.letter != "") && sr.ids != nil {
		if len(sr.ids) == 0 {
			return bun.Safe("NULL") // IN (NULL): nothing
		}
		return bun.List(sr.ids)
	}
	if sr.letter != "" {
		return s.letterIDs(st, sr.letter)
	}
	if sr.words != nil {
		w := s.wordQueries(st, sr.words)
		return w.cands.Union(w.props)
	}
	cands, props := s.trigramIDs(st, sr.q)
	return cands.Union(props)
}

// wordSearch is a words search as queries: the proposal ids found by a
// candidate's name and by a staffing title, and a row for each match (to
// test for one).
type wordSearch struct {
	cands, props, candsHit, propsHit *bun.SelectQuery
}

// wordQueries builds the queries of a words search. PostgreSQL: the
// expressions of the GIN indexes candidates_words and proposals_words (every
// prefix of every word) containing every word typed. SQLite: MATCH on the
// FTS5 tables of the same names, each word a prefix query (candidates_words keeps the proposal's id: no
// candidate row is read).
func (s *Service) wordQueries(st *store.Store, words []string) wordSearch {
	u := st.Unscoped(searchWhy)
	var w wordSearch
	if s.DB.Dialect().Name().String() == "pg" {
		// Every word folded as the index folds names, all of them among a
		// name's (or title's) word prefixes.
		folded := make([]string, len(words))
		args := make([]any, len(words))
		for i, w := range words {
			folded[i], args[i] = "search_fold(?)", w
		}
		want := "@> ARRAY[" + strings.Join(folded, ", ") + "]"
		candMatch := "search_prefixes(c.name) " + want
		propMatch := "x.staffing IS NOT NULL AND search_prefixes(x.staffing::json ->> 'position_title') " + want
		w.cands = u.From("candidates AS c").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Column("c.proposal_id").Where(candMatch, args...)
		}).Subquery()
		w.props = u.From("proposals AS x").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Column("x.id").Where(propMatch, args...)
		}).Subquery()
		w.candsHit = u.From("candidates AS c").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ColumnExpr("1").Where(candMatch, args...).Limit(1)
		}).Subquery()
		w.propsHit = u.From("proposals AS x").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ColumnExpr("1").Where(propMatch, args...).Limit(1)
		}).Subquery()
		return w
	}
	// The FTS5 tables hold no office-owned row of their own (text and ids).
	match := ftsWords(words)
	w.cands = s.DB.NewSelect().TableExpr("candidates_words").ColumnExpr("proposal_id").Where("candidates_words MATCH ?", match)
	w.props = s.DB.NewSelect().TableExpr("proposals_words").ColumnExpr("rowid").Where("proposals_words MATCH ?", match)
	w.candsHit = s.DB.NewSelect().TableExpr("candidates_words").ColumnExpr("1").Where("candidates_words MATCH ?", match).Limit(1)
	w.propsHit = s.DB.NewSelect().TableExpr("proposals_words").ColumnExpr("1").Where("proposals_words MATCH ?", match).Limit(1)
	return w
}

// letterIDs is the ids of the proposals whose letter number begins with
// prefix (lower case), through the index proposals_letter_prefix.
func (s *Service) letterIDs(st *store.Store, prefix string) *bun.SelectQuery {
	return st.Unscoped(searchWhy).From("proposals AS x").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Column("x.id").Where("x.letter_number IS NOT NULL")
		if s.DB.Dialect().Name().String() == "pg" {
			return q.Where("lower(x.letter_number) LIKE ?", escapeLike(prefix)+"%")
		}
		// SQLite compares text byte by byte (BINARY): every text that begins
		// with prefix lies in [prefix, prefix + U+10FFFF).
		return q.Where("lower(x.letter_number) >= ? AND lower(x.letter_number) < ?", prefix, prefix+"\U0010FFFF")
	}).Subquery()
}

// trigramIDs is the ids of the proposals whose "name nip" (cands) or
// "letter-number title" (props) text holds q, as two queries to be united.
func (s *Service) trigramIDs(st *store.Store, q string) (cands, props *bun.SelectQuery) {
	u := st.Unscoped(searchWhy)
	from := func(expr, col, where string, args ...any) *bun.SelectQuery {
		return u.From(expr).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Column(col).Where(where, args...)
		}).Subquery()
	}
	like, esc := searchPattern(q)
	escape := ""
	if esc {
		escape = ` ESCAPE '\'`
	}
	if s.DB.Dialect().Name().String() == "pg" {
		cands = from("candidates AS c", "c.proposal_id", "lower(c.name || ' ' || c.nip) LIKE ?"+escape, like)
		props = from("proposals AS x", "x.id", "lower(coalesce(x.letter_number, '') || ' ' || coalesce(x.staffing::json->>'position_title', '')) LIKE ?"+escape, like)
		return cands, props
	}
	phrase, ok := ftsPhrase(q)
	if !ok {
		// Under three characters there is no trigram: scan, as PostgreSQL
		// does for such a search.
		cands = from("candidates AS c", "c.proposal_id", "lower(c.name || ' ' || c.nip) LIKE ?"+escape, like)
		props = from("proposals AS x", "x.id", "lower(coalesce(x.letter_number, '') || ' ' || coalesce(json_extract(x.staffing, '$.position_title'), '')) LIKE ?"+escape, like)
		return cands, props
	}
	// FTS5 MATCH with one phrase: on a trigram table that finds the rows
	// holding the text as a substring, through the index. (LIKE on the FTS5
	// table would too, but its pattern code — sqlite3Fts5ExprPattern —
	// crashed the process in modernc's build, reading past a page.)
	cands = from("candidates AS c", "c.proposal_id", "c.id IN (SELECT rowid FROM candidates_search WHERE candidates_search MATCH ?)", phrase)
	props = s.DB.NewSelect().TableExpr("proposals_search").ColumnExpr("rowid").Where("proposals_search MATCH ?", phrase)
	return cands, props
}

// apostrophes drops the characters a name's apostrophe is typed as.
var apostrophes = strings.NewReplacer("'", "", "’", "", "‘", "", "`", "", "ʼ", "")

// searchWords is a search as the words of a name or title, lower-cased, each
// to be matched as the start of a word: ok is false for a search with a
// digit (a NIP, a letter number) or without a letter. Apostrophes are
// dropped, so "nur'aini" is the word "nuraini", which the word indexes hold
// for Nur'aini and Nur’aini alike; any other character that is not a
// letter (or a combining mark) separates words.
func searchWords(q string) (words []string, ok bool) {
	if strings.ContainsFunc(q, unicode.IsDigit) {
		return nil, false
	}
	for _, w := range strings.FieldsFunc(apostrophes.Replace(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r)
	}) {
		if strings.ContainsFunc(w, unicode.IsLetter) {
			words = append(words, strings.ToLower(w))
		}
	}
	return words, len(words) > 0
}

// ftsWords is words as an FTS5 query: each word a prefix, all required.
func ftsWords(words []string) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + w + `"*` // a word has no '"': letters only
	}
	return strings.Join(parts, " ")
}

// ftsPhrase is a search as one FTS5 phrase over the SQLite trigram tables,
// whose text is lower-cased with every apostrophe written ' (so Nur’aini
// and Nur'aini find each other); ok is false under three characters, where
// a trigram index cannot help.
func ftsPhrase(q string) (phrase string, ok bool) {
	norm := strings.ToLower(strings.NewReplacer("’", "'", "‘", "'", "`", "'").Replace(q))
	if utf8.RuneCountInString(norm) < 3 {
		return "", false
	}
	return `"` + strings.ReplaceAll(norm, `"`, `""`) + `"`, true
}

// searchPattern is the LIKE pattern of a search: lower case, wildcards in
// the input taken literally, and an apostrophe matching both ' and ’ (names
// like Nur’aini are typed either way). escaped says whether the pattern
// needs ESCAPE '\' (FTS5 uses its index only without one).
func searchPattern(q string) (pattern string, escaped bool) {
	e := escapeLike(q)
	p := strings.ToLower(e)
	p = strings.NewReplacer("'", "_", "’", "_", "‘", "_", "`", "_").Replace(p)
	return "%" + p + "%", e != q
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
