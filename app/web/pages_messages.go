package web

import (
	"sort"
	"strings"

	"github.com/kemenagjateng/usulan/app/apperror"
)

// pageMessage is an error as a page shows it: the message, then the field
// messages it does not already say. A raw field name the API message cites
// in brackets ("(override_note)") is left out: the page's form names the
// box in words. The API keeps both (fields.override_note).
func pageMessage(e *apperror.Error) string {
	msg := e.Message
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if raw := " (" + k + ")"; strings.Contains(msg, raw) {
			msg = strings.ReplaceAll(msg, raw, "")
			continue // the message already asks for it
		}
		if m := e.Fields[k]; m != "" && !strings.Contains(msg, m) {
			msg += " " + m
		}
	}
	return msg
}
