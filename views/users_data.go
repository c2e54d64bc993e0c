package views

import (
	"net/url"
	"strconv"
)

// UserListData is the admin's user list.
type UserListData struct {
	Rows    []UserRow
	Q       string
	Page    int
	PerPage int
	Total   int
	// NoNIP lists the active verifiers without a NIP (their sheets print none).
	NoNIP []UserRow
}

// UserRow is one user in the list.
type UserRow struct {
	ID                          int64
	Username, Name, NIP, Office string
	Role, RoleLabel             string
	Active                      bool
}

// Pages is the number of pages (at least 1).
func (d UserListData) Pages() int {
	if d.PerPage <= 0 || d.Total == 0 {
		return 1
	}
	return (d.Total + d.PerPage - 1) / d.PerPage
}

// PageURL is the list URL for page n with the current search.
func (d UserListData) PageURL(n int) string {
	v := url.Values{}
	if d.Q != "" {
		v.Set("q", d.Q)
	}
	v.Set("page", strconv.Itoa(n))
	return "/admin/users?" + v.Encode()
}

// UserForm is the new-user form as typed; passwords are never sent back.
type UserForm struct {
	Username, Name, NIP, Role, Office string
	Roles, Offices                    []Option
	Errors                            map[string]string
}

// Err is a field's error.
func (f UserForm) Err(k string) string { return f.Errors[k] }

// UserDetail is one user's admin page: facts, enable/disable, a new
// password, API tokens.
type UserDetail struct {
	ID                          int64
	Username, Name, NIP, Office string
	Email                       string
	RoleLabel                   string
	Active                      bool
	NoNIP                       bool // a verifier without a NIP
	Self                        bool // the admin looking at their own account
	CreatedAt, UpdatedAt        string
	Tokens                      int
	TokenLastUsed               string // "" when never used
	Errors                      map[string]string
}

// Err is a field's error in the password form.
func (d UserDetail) Err(k string) string { return d.Errors[k] }

// UserEditForm is the admin's edit form for one user, as stored or as typed.
type UserEditForm struct {
	ID                                       int64
	Username, Name, NIP, Email, Role, Office string
	Roles, Offices                           []Option
	Errors                                   map[string]string
}

// Err is a field's error.
func (f UserEditForm) Err(k string) string { return f.Errors[k] }
