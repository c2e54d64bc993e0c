package views

// Bulk work, delegation and filing periods (issue 15).

// BulkBox is the inbox's bulk form: the actions the role may take on
// several proposals at once, and the results of the last run.
type BulkBox struct {
	Actions []Option
	Action  string
	Note    string
	// DecreeNumber and DecreeDate are the collective SK of "complete".
	DecreeNumber, DecreeDate string
	Error                    string
	Results                  []BulkResultRow
	Done, Failed             int
}

// BulkResultRow is one proposal's outcome of a bulk action.
type BulkResultRow struct {
	ID     int64
	OK     bool
	Status int
	Error  string
}

// DelegationsData is the delegation page.
type DelegationsData struct {
	IsAdmin    bool
	Rows       []DelegationRow
	Verifiers  []Option // for the admin's "from" and every "to"
	Form       DelegationForm
	Reassign   ReassignForm
	Results    []BulkResultRow
	ResultNote string
}

// DelegationRow is one delegation.
type DelegationRow struct {
	ID                   int64
	From, To, Start, End string
	Note                 string
	Active, CanDelete    bool
}

// DelegationForm is the "name a substitute" form.
type DelegationForm struct {
	From, To, Start, End, Note string
	Message                    string
	Errors                     map[string]string
}

// Err is the message of one field.
func (f DelegationForm) Err(k string) string { return f.Errors[k] }

// ReassignForm is the admin's "move all claims" form.
type ReassignForm struct {
	From, To, Note string
	Message        string
	Errors         map[string]string
}

// Err is the message of one field.
func (f ReassignForm) Err(k string) string { return f.Errors[k] }

// FilingPeriodsData is the admin page of filing windows.
type FilingPeriodsData struct {
	Rows   []FilingPeriodRow
	Kinds  []Option // "jft" / "staffing"
	Routes []Option
	Form   FilingPeriodForm
}

// FilingPeriodRow is one window.
type FilingPeriodRow struct {
	ID                int64
	What, Start, End  string
	Open, Past, Ahead bool
}

// FilingPeriodForm is the "open a window" form.
type FilingPeriodForm struct {
	Kind, Route, Start, End string
	Message                 string
	Errors                  map[string]string
}

// Err is the message of one field.
func (f FilingPeriodForm) Err(k string) string { return f.Errors[k] }
