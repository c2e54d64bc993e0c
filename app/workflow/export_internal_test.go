package workflow

// SetSearchInline sets how many proposals a search lists by id, for a
// test, and returns what restores it.
func SetSearchInline(n int) (restore func()) {
	old := searchInline
	searchInline = n
	return func() { searchInline = old }
}
