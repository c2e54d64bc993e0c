package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// navCounts fills the navigation badges: proposals waiting for the user and
// unread notifications, each counted once per page from an index and only up
// to views.BadgeCap+1 ("99+"). A failure only hides the badges.
func (s *Server) navCounts(c *fiber.Ctx, pg *views.Page) {
	u := currentUser(c)
	if u == nil {
		return
	}
	p := access.FromUser(u)
	if n, err := s.Workflow.InboxCountUpTo(c.UserContext(), p, views.BadgeCap); err == nil {
		pg.InboxCount = n
	}
	if n, err := notify.UnreadUpTo(c.UserContext(), s.DB, p, views.BadgeCap); err == nil {
		pg.Unread = n
	}
}

func attachmentURL(proposalID int64, a *workflow.Attachment) string {
	return "/proposals/" + strconv.FormatInt(proposalID, 10) + "/attachments/" + strconv.FormatInt(a.ID, 10)
}

func attachmentInfo(a *workflow.Attachment) string {
	return workflow.AllowedContentTypes[a.ContentType] + " · " + workflow.HumanSize(a.Size) + " · " + views.TimeID(a.CreatedAt)
}

func subjectName(sub workflow.ReviewSubject) string {
	if sub.Candidate == "" {
		return sub.Name
	}
	return sub.Name + " (" + sub.Candidate + ")"
}

func revisionBox(r *workflow.RevisionRequest) *views.RevisionBox {
	if r == nil {
		return nil
	}
	box := &views.RevisionBox{At: views.TimeID(r.At), By: r.By, Note: r.Note}
	for _, it := range r.Items {
		subject := it.Name
		if it.Candidate != "" {
			subject += " (" + it.Candidate + ")"
		}
		box.Items = append(box.Items, views.WantingRow{Subject: subject, Label: it.Label, Note: it.Note})
	}
	return box
}

// reviewPanel is the review part of the proposal page.
func (s *Server) reviewPanel(c *fiber.Ctx, p access.Principal, prop *models.Proposal) (views.ReviewPanelData, error) {
	r, err := s.Workflow.ReviewOf(c.UserContext(), p, prop)
	if err != nil {
		return views.ReviewPanelData{}, err
	}
	d := views.ReviewPanelData{ProposalID: prop.ID, Version: prop.Version,
		CanUpload:   p.CanFile() && prop.Status.Editable(),
		UploadLimit: workflow.HumanSize(int64(s.Workflow.UploadLimitBytes()))}
	if prop.Status == models.StatusRevisionRequested {
		d.Revision = revisionBox(r.Revision)
	}
	switch {
	case r.CanRecord:
		d.ReviewLink, d.ReviewLabel = "/proposals/"+strconv.FormatInt(prop.ID, 10)+"/review", "Periksa butir demi butir"
	case !p.Regional() && prop.Status != models.StatusDraft:
		d.ReviewLink, d.ReviewLabel = "/proposals/"+strconv.FormatInt(prop.ID, 10)+"/review", "Lihat hasil pemeriksaan"
	}
	cl, err := s.Workflow.ChecklistFromReview(c.UserContext(), prop, r)
	if err != nil {
		return d, err
	}
	d.Required, d.Uploaded = cl.Required, cl.Uploaded
	groups := map[string]workflow.ChecklistGroup{}
	for _, g := range cl.Groups {
		groups[g.NIP] = g
	}
	for _, sub := range r.Subjects {
		g := groups[sub.Candidate]
		ds := views.DocSubject{Candidate: sub.Candidate, Name: subjectName(sub), Required: g.Required, Uploaded: g.Uploaded}
		for i, it := range sub.Documents {
			row := views.DocRow{Item: strings.TrimPrefix(it.Item, "doc:"), Label: it.Label, Finding: it.Finding,
				FindingLabel: workflow.FindingLabel(it.Finding), Note: it.Note, Changed: it.Changed,
				Required: i < len(g.Items) && g.Items[i].Required}
			if it.Attachment != nil {
				row.FileName, row.URL, row.Info = it.Attachment.FileName, attachmentURL(prop.ID, it.Attachment), attachmentInfo(it.Attachment)
			}
			ds.Docs = append(ds.Docs, row)
		}
		if len(ds.Docs) > 0 {
			d.Docs = append(d.Docs, ds)
		}
	}
	return d, nil
}

// reviewPageData turns a review into the page's rows, numbering every item.
// optional is the set of documents an admin made optional on the
// proposal's route, as (candidate NIP, "doc:<id>") keys: missing, they are
// not exceptions.
type optional map[[2]string]bool

// optionalDocs reads which of a proposal's documents are not required.
func (s *Server) optionalDocs(c *fiber.Ctx, prop *models.Proposal, r *workflow.Review) (optional, error) {
	cl, err := s.Workflow.ChecklistFromReview(c.UserContext(), prop, r)
	if err != nil {
		return nil, err
	}
	out := optional{}
	for _, it := range cl.Items {
		if !it.Required {
			nip := ""
			if it.NIP != nil {
				nip = *it.NIP
			}
			out[[2]string{nip, it.Item}] = true
		}
	}
	return out, nil
}

func reviewPageData(p access.Principal, prop *models.Proposal, r *workflow.Review, opt optional) views.ReviewPageData {
	v, _ := workflow.View(prop)
	title := ""
	if prop.Kind == models.KindStaffing {
		if sr, err := workflow.StaffingOf(prop); err == nil && sr != nil {
			title = sr.PositionTitle
		}
	}
	d := views.ReviewPageData{ID: prop.ID, Version: prop.Version,
		Subject: subject(prop.Kind, prop.Position, prop.Level, prop.Route, title), Status: prop.Status,
		LetterNumber: views.Str(prop.LetterNumber), Reviewer: r.Reviewer, OverrideNote: r.OverrideNote,
		CanRecord: r.CanRecord, Wanting: r.Wanting, Revision: revisionBox(r.Revision)}
	if v != nil {
		d.OfficeName = v.OfficeName
	}
	row := func(sub workflow.ReviewSubject, it workflow.ReviewItem) views.ReviewRow {
		rr := views.ReviewRow{Candidate: sub.Candidate, Item: it.Item, Label: it.Label, Result: it.Result,
			Detail: it.Detail, Basis: it.Basis, Finding: it.Finding, Note: it.Note, Changed: it.Changed}
		if it.Attachment != nil {
			rr.FileName, rr.FileURL, rr.FileInfo = it.Attachment.FileName, attachmentURL(prop.ID, it.Attachment), attachmentInfo(it.Attachment)
		}
		return rr
	}
	for _, sub := range r.Subjects {
		ex := views.ReviewSubjectRow{Candidate: sub.Candidate, Name: sub.Name, Verdict: sub.Verdict}
		ok := ex
		for _, it := range sub.Rules {
			if reviewException(it) {
				ex.Rules = append(ex.Rules, row(sub, it))
			} else {
				ok.Rules = append(ok.Rules, row(sub, it))
			}
		}
		for _, it := range sub.Documents {
			if reviewException(it) && !(it.Attachment == nil && opt[[2]string{sub.Candidate, it.Item}]) {
				ex.Docs = append(ex.Docs, row(sub, it))
			} else {
				ok.Docs = append(ok.Docs, row(sub, it))
			}
		}
		if sub.Candidate != "" {
			d.Candidates++
			if ex.Len() == 0 {
				d.Clean++
			}
		}
		if ex.Len() > 0 {
			d.Exceptions = append(d.Exceptions, ex)
			d.ExceptionCount += ex.Len()
		}
		if ok.Len() > 0 {
			for _, rows := range [][]views.ReviewRow{ok.Rules, ok.Docs} {
				for _, rr := range rows {
					switch rr.Finding {
					case workflow.FindingOK:
						ok.Accepted++
					case "":
						if rr.Result != "" || rr.FileURL != "" { // not an optional document never uploaded
							ok.Open++
						}
					}
				}
			}
			d.Passing = append(d.Passing, ok)
			d.PassingCount += ok.Len()
			d.PassingOpen += ok.Open
		}
	}
	if r.Changes != nil {
		cv := &views.ChangesView{Since: views.TimeID(r.Changes.Since)}
		for _, f := range r.Changes.Fields {
			subj := f.Subject
			if subj == "" {
				subj = "Usulan"
			}
			cv.Fields = append(cv.Fields, views.ChangeRow{Subject: subj, Field: f.Field, Before: f.Before, After: f.After})
		}
		names := map[string]string{}
		for _, sub := range r.Subjects {
			names[sub.Candidate] = subjectName(sub)
		}
		for _, dc := range r.Changes.Documents {
			before := "belum ada"
			if dc.Replaced {
				before = dc.OldFileName
			}
			cv.Docs = append(cv.Docs, views.ChangeRow{Subject: names[dc.Subject], Field: dc.Label, Before: before, After: dc.FileName})
		}
		d.Changes = cv
	}
	if detail, bad := workflow.UnlawfulMechanism(prop); bad {
		d.Unlawful = detail
	}
	for _, t := range workflow.Available(p.Role, prop.Status) {
		if t.Action == workflow.ActVerify && d.Unlawful != "" {
			continue // never verified; the page says why
		}
		if t.Action == workflow.ActRequestRevision || t.Action == workflow.ActVerify || t.Action == workflow.ActReject {
			d.Actions = append(d.Actions, views.ActionForm{Action: string(t.Action), Label: t.Label,
				NoteRequired: t.NoteRequired || (t.Action == workflow.ActVerify && workflow.NeedsVerifyNote(prop)),
				Danger:       t.Action == workflow.ActReject})
		}
	}
	return d
}

// reviewException says whether an item needs the verifier's own judgement
// (the review page shows it first): a rule that did not pass automatically
// (fail, missing data, manual), a document not uploaded, or anything found
// wanting. A missing document the admin made optional is not one (the
// caller checks). The passing items without a finding are what "accept all
// passing" (MarkRemainingOK) marks, uploaded documents included.
func reviewException(it workflow.ReviewItem) bool {
	if it.Finding == workflow.FindingWanting {
		return true
	}
	if it.Kind == "rule" {
		return it.Result != eligibility.Pass && it.Result != eligibility.NotApplicable
	}
	return it.Attachment == nil
}

// reviewDecisions are the decisions the review page's form may take with
// its findings (button name="decide").
var reviewDecisions = map[string]bool{string(workflow.ActRequestRevision): true, string(workflow.ActVerify): true,
	string(workflow.ActReject): true}

// verifierWithoutNIP says whether the caller is a verifier with no NIP
// (their verification sheets would print none; issue 11).
func verifierWithoutNIP(c *fiber.Ctx) bool {
	u := currentUser(c)
	return u != nil && u.Role == models.RoleVerifikator && u.NIP == ""
}

func (s *Server) reviewPage(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	r, err := s.Workflow.ReviewOf(c.UserContext(), p, prop)
	if err != nil {
		return err
	}
	opt, err := s.optionalDocs(c, prop, r)
	if err != nil {
		return err
	}
	d := reviewPageData(p, prop, r, opt)
	d.NoNIP = verifierWithoutNIP(c)
	return render(c, 200, views.ReviewPage(s.page(c, "Pemeriksaan usulan", "inbox"), d))
}

// findingsSave is the review page's one form: it records the findings
// typed, then (button "decide") takes the decision with its note, so
// pressing a decision never loses findings not yet saved. Findings do not
// change the proposal's version; the decision uses the version the saved
// review reports all the same. Errors show the review page again with
// what was typed and the message.
func (s *Server) findingsSave(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	decide := c.FormValue("decide")
	if decide != "" && !reviewDecisions[decide] {
		return apperror.InvalidField("decide", "Keputusan tidak dikenal.")
	}
	notes := map[string]string{}
	for a := range reviewDecisions {
		if v := c.FormValue("note_" + a); v != "" {
			notes[a] = v
		}
	}
	in := workflow.FindingsInput{MarkRemainingOK: c.FormValue("mark") == "remaining_ok", Findings: formFindings(c)}
	in.Version, _ = strconv.ParseInt(c.FormValue("version"), 10, 64)
	r, err := s.Workflow.RecordFindings(c.UserContext(), p, id, in)
	if err != nil {
		return s.reviewAgain(c, p, id, err, "", in.Findings, notes)
	}
	msg := "Temuan tersimpan."
	if in.MarkRemainingOK {
		msg += fmt.Sprintf(" %d butir ditandai Sesuai.", r.Marked)
	}
	if r.Wanting > 0 {
		msg += fmt.Sprintf(" %d butir tidak sesuai.", r.Wanting)
	}
	if decide == "" {
		s.flash(c, msg)
		return c.Redirect("/proposals/"+strconv.FormatInt(id, 10)+"/review", fiber.StatusSeeOther)
	}
	prop, err := s.Workflow.Apply(c.UserContext(), p, id, workflow.TransitionInput{Action: workflow.Action(decide),
		Note: notes[decide], Version: r.Version})
	if err != nil {
		// The findings are saved (the page shows them as stored); the decision is not taken.
		return s.reviewAgain(c, p, id, err, "Temuan tersimpan, tetapi keputusan belum diambil: ", nil, notes)
	}
	s.flash(c, msg+" Status usulan kini: "+prop.Status.Label()+".")
	return c.Redirect("/proposals/"+strconv.FormatInt(id, 10), fiber.StatusSeeOther)
}

// maxFormFindings bounds the findings one form may post.
const maxFormFindings = 5000

// formFindings reads the review form's findings: "finding:<nip>:<item>"
// with its "note:<nip>:<item>" (the page), or the older numbered rows
// f<N>_candidate, f<N>_item, f<N>_finding, f<N>_note up to "count".
func formFindings(c *fiber.Ctx) []workflow.FindingInput {
	var out []workflow.FindingInput
	args := c.Request().PostArgs()
	args.VisitAll(func(k, v []byte) {
		key := string(k)
		rest, ok := strings.CutPrefix(key, "finding:")
		if !ok || len(out) >= maxFormFindings {
			return
		}
		cand, item, ok := strings.Cut(rest, ":")
		if !ok || item == "" {
			return
		}
		out = append(out, workflow.FindingInput{Candidate: cand, Item: item, Finding: string(v),
			Note: string(args.Peek("note:" + rest))})
	})
	count, _ := strconv.Atoi(c.FormValue("count"))
	count = min(max(count, 0), maxFormFindings-len(out))
	for i := 0; i < count; i++ {
		k := "f" + strconv.Itoa(i) + "_"
		if c.FormValue(k+"item") == "" {
			continue
		}
		out = append(out, workflow.FindingInput{Candidate: c.FormValue(k + "candidate"),
			Item: c.FormValue(k + "item"), Finding: c.FormValue(k + "finding"), Note: c.FormValue(k + "note")})
	}
	return out
}

// reviewAgain shows the review page again after err (a 4xx; anything else,
// and 404, goes to the error handler), keeping the findings and notes typed.
func (s *Server) reviewAgain(c *fiber.Ctx, p access.Principal, id int64, err error, prefix string,
	typedFindings []workflow.FindingInput, notes map[string]string) error {
	e, ok := apperror.As(err)
	if !ok || e.Status == 404 {
		return err
	}
	prop, gerr := s.Workflow.Get(c.UserContext(), p, id)
	if gerr != nil {
		return gerr
	}
	cur, rerr := s.Workflow.ReviewOf(c.UserContext(), p, prop)
	if rerr != nil {
		return rerr
	}
	opt, err := s.optionalDocs(c, prop, cur)
	if err != nil {
		return err
	}
	d := reviewPageData(p, prop, cur, opt)
	d.NoNIP = verifierWithoutNIP(c)
	typed := map[string]workflow.FindingInput{}
	for _, f := range typedFindings {
		typed[models.NormalizeNIP(f.Candidate)+"\x00"+f.Item] = f
	}
	for _, subs := range [][]views.ReviewSubjectRow{d.Exceptions, d.Passing} {
		for i := range subs {
			for _, rows := range [][]views.ReviewRow{subs[i].Rules, subs[i].Docs} {
				for j := range rows {
					if f, ok := typed[models.NormalizeNIP(rows[j].Candidate)+"\x00"+rows[j].Item]; ok {
						rows[j].Finding, rows[j].Note = f.Finding, f.Note
					}
				}
			}
		}
	}
	d.Message = prefix + pageMessage(e)
	d.Notes = notes
	return render(c, e.Status, views.ReviewPage(s.page(c, "Pemeriksaan usulan", "inbox"), d))
}

// attachmentUpload is the upload form of the proposal page.
func (s *Server) attachmentUpload(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	back := "/proposals/" + strconv.FormatInt(id, 10)
	in, err := s.uploadInput(c)
	if err == nil {
		var a *workflow.Attachment
		if a, err = s.Workflow.Upload(c.UserContext(), p, id, in); err == nil {
			s.flash(c, "Dokumen \""+a.FileName+"\" tersimpan.")
			// Back to the documents, not the top: the next upload is there.
			return c.Redirect(back+"#dokumen", fiber.StatusSeeOther)
		}
	}
	e, ok := apperror.As(err)
	if !ok || e.Status == 404 {
		return err
	}
	msg := e.Message
	for _, m := range e.Fields {
		msg += " " + m
	}
	s.flash(c, "Dokumen tidak tersimpan: "+msg)
	return c.Redirect(back, fiber.StatusSeeOther)
}

func (s *Server) notificationsPage(c *fiber.Ctx) error {
	return s.renderNotifications(c, 200, "", nil)
}

func (s *Server) renderNotifications(c *fiber.Ctx, status int, typedEmail string, fieldErr error) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	items, err := notify.List(c.UserContext(), s.DB, p, 100)
	if err != nil {
		return err
	}
	d := views.NotificationsData{MailOn: s.Workflow.Mailer != nil}
	if fieldErr != nil {
		d.Email = typedEmail
		if e, ok := apperror.As(fieldErr); ok {
			d.Error = e.Fields["email"]
		}
	} else if d.Email, err = notify.Email(c.UserContext(), s.DB, p.UserID); err != nil {
		return err
	}
	for _, n := range items {
		url := "/inbox"
		if n.ProposalID == nil && n.EventID == nil {
			url = "/kendala" // an obstacle report's notice (app/reports)
			if n.ObstacleID != nil {
				url = "/kendala/" + strconv.FormatInt(*n.ObstacleID, 10)
			}
		}
		if n.ProposalID != nil {
			url = "/proposals/" + strconv.FormatInt(*n.ProposalID, 10)
		}
		d.Items = append(d.Items, views.NotificationRow{ID: n.ID, Message: n.Message, At: views.TimeID(n.CreatedAt),
			URL: url, Unread: n.ReadAt == nil})
	}
	return render(c, status, views.NotificationsPage(s.page(c, "Notifikasi", "notifications"), d))
}

func (s *Server) notificationsRead(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if err := notify.MarkRead(c.UserContext(), s.DB, p, nil, s.Workflow.Now()); err != nil {
		return err
	}
	return c.Redirect("/notifications", fiber.StatusSeeOther)
}

func (s *Server) notificationsEmail(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	email := c.FormValue("email")
	if err := notify.SetEmail(c.UserContext(), s.DB, p.UserID, email, s.Workflow.Now()); err != nil {
		if e, ok := apperror.As(err); ok && e.Status == 400 {
			return s.renderNotifications(c, 400, email, err)
		}
		return err
	}
	s.flash(c, "Alamat e-mail notifikasi tersimpan.")
	return c.Redirect("/notifications", fiber.StatusSeeOther)
}

// eventDetails are the lines a timeline entry shows under its note: the
// override note, the findings of a decision, the SK, the uploaded document.
// They are text, rendered escaped.
func eventDetails(e *models.Event) []string {
	if e.Data == nil {
		return nil
	}
	var d struct {
		OverrideNote string                 `json:"override_note"`
		DecreeNumber string                 `json:"decree_number"`
		DecreeDate   models.Date            `json:"decree_date"`
		Findings     []workflow.WantingItem `json:"findings"`
		Label        string                 `json:"label"`
		Name         string                 `json:"name"`
		FileName     string                 `json:"file_name"`
		Replaced     *struct {
			FileName string `json:"file_name"`
		} `json:"replaced"`
	}
	if json.Unmarshal([]byte(*e.Data), &d) != nil {
		return nil
	}
	var out []string
	if d.OverrideNote != "" {
		out = append(out, "Alasan tetap mengajukan: "+d.OverrideNote)
	}
	if d.DecreeNumber != "" {
		out = append(out, "SK "+d.DecreeNumber+", "+d.DecreeDate.Indonesian())
	}
	ok := 0
	for _, f := range d.Findings {
		if f.Finding != workflow.FindingWanting {
			ok++
			continue
		}
		line := "Tidak sesuai — " + f.Name + ": " + f.Label
		if f.Note != "" {
			line += " (" + f.Note + ")"
		}
		out = append(out, line)
	}
	if ok > 0 {
		out = append(out, strconv.Itoa(ok)+" butir sesuai.")
	}
	if e.Action == "upload" && d.FileName != "" {
		line := d.Label
		if d.Name != "" {
			line += " — " + d.Name
		}
		line += ": " + d.FileName
		if d.Replaced != nil {
			line += " (mengganti " + d.Replaced.FileName + ")"
		}
		out = append(out, line)
	}
	return out
}
