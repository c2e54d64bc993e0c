// Package apperror holds the domain errors that know their HTTP status, so
// one place (app/web) renders them for pages and the API alike.
package apperror

import (
	"errors"
	"net/http"
)

// Error is a failure a user can act on: a status, a message in Indonesian and,
// for bad input, a message per field.
type Error struct {
	Status  int
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string { return e.Message }

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Invalid is 400: input that cannot be used, with a message per field.
func Invalid(fields map[string]string) *Error {
	return &Error{Status: http.StatusBadRequest, Message: "Data yang dikirim belum benar.", Fields: fields}
}

// InvalidField is Invalid for one field.
func InvalidField(field, msg string) *Error { return Invalid(map[string]string{field: msg}) }

// NotFound is 404: missing, or another office's record (indistinguishable on purpose).
func NotFound() *Error {
	return &Error{Status: http.StatusNotFound, Message: "Data tidak ditemukan."}
}

// Forbidden is 403: the role may not do this.
func Forbidden(msg string) *Error {
	if msg == "" {
		msg = "Peran Anda tidak berwenang melakukan tindakan ini."
	}
	return &Error{Status: http.StatusForbidden, Message: msg}
}

// Conflict is 409: wrong state or a stale version.
func Conflict(msg string) *Error { return &Error{Status: http.StatusConflict, Message: msg} }

// Unprocessable is 422: a rule refuses the action (e.g. a failing rule at submit).
func Unprocessable(msg string, fields map[string]string) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Message: msg, Fields: fields}
}

// Unauthorized is 401.
func Unauthorized() *Error {
	return &Error{Status: http.StatusUnauthorized, Message: "Silakan masuk terlebih dahulu."}
}

// TooManyRequests is 429.
func TooManyRequests(msg string) *Error {
	return &Error{Status: http.StatusTooManyRequests, Message: msg}
}
