#!/usr/bin/env python3
"""Deliberate bugs, one at a time: each is put into the code, the package's
own tests are run, and the bug must be caught (a test fails). Run from the
repository root on a clean tree: python3 .ci/mutants.py [--pg]. Not part of
.ci/run (it takes minutes); its result goes in the issue notes.

Each mutant: (package to test, file, exact text, replacement, what it breaks).
"""
import os, subprocess, sys

MUTANTS = [
    # app/eligibility
    ("./app/eligibility", "app/eligibility/rules_age.go", "if e.ageY > limit {", "if e.ageY >= limit {", "max_age: flip > to >="),
    ("./app/eligibility", "app/eligibility/rules_age.go", "if dayKey(e.retire) <= dayKey(e.ref) {", "if dayKey(e.retire) < dayKey(e.ref) {", "retirement_age: pension on the reference day passes"),
    ("./app/eligibility", "app/eligibility/rules_age.go", "if e.curBUP > 0 && dayKey(e.curRetire) <= dayKey(e.ref) {", "if e.curBUP > 0 && dayKey(e.curRetire) < dayKey(e.ref) {", "retirement_age: current post's pension on the reference day passes"),
    ("./app/eligibility", "app/eligibility/rules_record.go", "case *m < req.Min:", "case *m < req.Min-1:", "experience: a month short of 24 passes"),
    ("./app/eligibility", "app/eligibility/rules_record.go", "case *m < req.Floor:", "case *m < req.Floor-1:", "experience: a month short of the 12-month floor is manual"),
    ("./app/eligibility", "app/eligibility/rules_age.go", "models.AhliPertama: 58, models.AhliMuda: 58, models.AhliMadya: 60,", "models.AhliPertama: 58, models.AhliMuda: 58, models.AhliMadya: 61,", "BUP Ahli Madya 60 → 61"),
    # app/workflow
    ("./app/workflow", "app/workflow/transition.go", "if !t.AllowsRole(p.Role) {", "if false && !t.AllowsRole(p.Role) {", "Apply: role guard dropped"),
    ("./app/workflow", "app/workflow/transition.go", "if !t.AllowsFrom(cur.Status) {", "if false && !t.AllowsFrom(cur.Status) {", "Apply: state guard dropped"),
    ("./app/workflow", "app/workflow/transition.go", [("if in.Version != cur.Version {", "if false && in.Version != cur.Version {"),
        ('Where("id = ?", cur.ID).Where("version = ?", in.Version).Where("status = ?", cur.Status)', 'Where("id = ?", cur.ID).Where("status = ?", cur.Status)')], "Apply: stale version accepted (both checks)"),
    ("./app/workflow", "app/workflow/transition.go", "if t.NoteRequired && in.Note == \"\" {", "if false && t.NoteRequired && in.Note == \"\" {", "Apply: reason not required"),
    ("./app/workflow", "app/workflow/transition.go", "if reviewAction(t.Action) && (sameUser(cur.CreatedBy, p.UserID) || sameUser(cur.SubmittedBy, p.UserID)) {", "if reviewAction(t.Action) && sameUser(cur.CreatedBy, p.UserID) {", "Apply: separation of duties ignores the submitter"),
    ("./app/workflow", "app/workflow/transition.go", "if decisionAction(t.Action) && cur.ReviewerID != nil && *cur.ReviewerID != p.UserID {", "if false && decisionAction(t.Action) && cur.ReviewerID != nil && *cur.ReviewerID != p.UserID {", "Apply: any verifier decides"),
    ("./app/workflow", "app/workflow/transition.go", "if t.Action == ActRelease && p.Role == models.RoleVerifikator && cur.ReviewerID != nil && *cur.ReviewerID != p.UserID {", "if false {", "Apply: any verifier releases"),
    ("./app/workflow", "app/workflow/transition.go", "case in.DecreeDate.After(s.Today()):", "case in.DecreeDate.After(s.Today().AddDate(0, 0, 1)):", "complete: a decree dated tomorrow accepted"),
    ("./app/workflow", "app/workflow/transition.go", "} else if utf8.RuneCountInString(in.DecreeNumber) > 200 {", "} else if utf8.RuneCountInString(in.DecreeNumber) > 201 {", "complete: decree number limit off by one"),
    ("./app/workflow", "app/workflow/review.go", "if in.Version != 0 && in.Version != prop.Version {", "if false {", "findings: stale version accepted"),
    ("./app/workflow", "app/workflow/attachments.go", [("if in.Version != cur.Version {\n\t\treturn nil, staleVersion(cur.Version)", "if false {\n\t\treturn nil, staleVersion(cur.Version)"),
        ('Where("id = ?", cur.ID).Where("version = ?", in.Version).\n', 'Where("id = ?", cur.ID).\n')], "upload: stale version accepted (both checks)"),
    ("./app/workflow", "app/workflow/transition.go", "if t.Action == ActResubmit {\n\t\t\t// The corrected", "if false {\n\t\t\t// The corrected", "resubmit: no new letter"),
    ("./app/workflow", "app/workflow/list.go", "if err := p.ScopeProposals(q, \"p\").Scan(ctx, &rows); err != nil {", "if err := q.Scan(ctx, &rows); err != nil {", "Counts: office scope dropped"),
    # app/access
    ("./app/access", "app/access/scope.go", "if p.Regional() {", "if false {", "ScopeOffice: scope dropped"),
    ("./app/access", "app/access/access.go", "return !p.Regional() || p.OfficeID == officeID", "return true", "SeesOffice: everyone sees every office"),
    ("./app/access", "app/access/access.go", "func (p Principal) IsAdmin() bool { return p.Role == models.RoleAdmin }", "func (p Principal) IsAdmin() bool { return p.Role == models.RoleAdmin || p.Role == models.RoleVerifikator }", "IsAdmin: verifier counts as admin"),
    # app/documents
    ("./app/documents", "app/documents/xlsx.go", 'XLSXDateFormat     = "dd-mm-yyyy"', 'XLSXDateFormat     = "mm-dd-yyyy"', "XLSX: dates month-first"),
    ("./app/documents", "app/documents/xlsx.go", 'XLSXDateTimeFormat = "dd-mm-yyyy hh:mm"', 'XLSXDateTimeFormat = "mm-dd-yyyy hh:mm"', "XLSX: instants month-first"),
]

def run(pkg, env):
    r = subprocess.run(["go", "test", "-count=1", pkg], capture_output=True, text=True, env=env)
    failed = [l for l in r.stdout.splitlines() if l.startswith("--- FAIL")]
    return r.returncode, failed, r.stdout + r.stderr

def main():
    env = dict(os.environ)
    if "--pg" in sys.argv:
        env["TEST_DATABASE_URL"] = env.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable")
    if subprocess.run(["git", "diff", "--quiet"]).returncode != 0:
        sys.exit("the tree has uncommitted changes: commit or stash first")
    caught = 0
    for m in MUTANTS:
        pkg, path, old = m[0], m[1], m[2]
        new, what = (None, m[3]) if isinstance(old, list) else (m[3], m[4])
        src = open(path).read()
        edits = old if isinstance(old, list) else [(old, new)]
        mutated = src
        if any(mutated.count(o) != 1 for o, _ in edits):
            print("SKIP  %-55s (text not found once in %s)" % (what, path))
            continue
        for o, n in edits:
            mutated = mutated.replace(o, n)
        open(path, "w").write(mutated)
        try:
            code, failed, out = run(pkg, env)
        finally:
            open(path, "w").write(src)
        if code != 0 and failed:
            caught += 1
            print("CAUGHT %-55s by %s" % (what, ", ".join(f.split()[2] for f in failed[:3])))
        elif code != 0:
            caught += 1
            print("CAUGHT %-55s (build or run failed)" % what)
        else:
            print("MISSED %-55s" % what)
    print("%d passed, %d failed" % (caught, len(MUTANTS) - caught))
    sys.exit(0 if caught == len(MUTANTS) else 1)

main()
