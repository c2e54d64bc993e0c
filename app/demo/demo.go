// Package demo fills a database with realistic, clearly fake data: demo
// users for every office, an employee register, and proposals whose
// histories run through every workflow state, with candidates checked by the
// real rule engine, letter numbers, review findings and formations. It is for
// people who want to see the product full and for measuring it at scale
// (scripts/perf). Rows go in with multi-row INSERTs, a transaction per
// thousand proposals, so 100,000 proposals take minutes.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// Options says how much to make.
type Options struct {
	Proposals int
	Employees int
	Password  string    // of every demo user (at least 10 characters)
	Seed      uint64    // same seed, same data
	Now       time.Time // the last instant of the histories (from cmd: the wall clock)
	Progress  io.Writer // a line per batch; nil for none
}

// Summary is what Fill made.
type Summary struct {
	Users, Employees, Proposals, Candidates, Events, Findings, Formations int
}

// ErrNotEmpty is returned when the database already holds proposals: demo
// data is never mixed into real data.
var ErrNotEmpty = errors.New("basis data sudah berisi usulan; data contoh hanya diisikan ke basis data yang kosong")

// Demo users are named demo_<role>[_<office number>], e.g. demo_operator_03
// for Kk.11.03, demo_verifikator_1 and demo_admin.
const userPrefix = "demo_"

type office struct {
	id   int64
	code string
	num  string // "03" of Kk.11.03
}

// Fill writes the demo data. The database must be migrated and hold no
// proposals.
func Fill(ctx context.Context, db *bun.DB, o Options) (Summary, error) {
	var sum Summary
	if o.Proposals < 0 || o.Employees < 0 {
		return sum, errors.New("jumlah tidak boleh negatif")
	}
	if n, err := store.System(db, "demo data").Model((*models.Proposal)(nil)).Count(ctx); err != nil {
		return sum, err
	} else if n > 0 {
		return sum, ErrNotEmpty
	}
	g := &gen{db: db, o: o, rnd: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), now: o.Now.UTC()}
	if err := g.loadOffices(ctx); err != nil {
		return sum, err
	}
	steps := []func(context.Context) error{g.users, g.employees, g.formations, g.proposals}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return g.sum, err
		}
	}
	// The obstacle map's stays, which the workflow keeps on each transition
	// and the bulk fill above bypasses.
	if err := reports.RebuildSpells(ctx, db); err != nil {
		return g.sum, err
	}
	// Fresh statistics (and, on PostgreSQL, a visibility map for index-only
	// scans), as a database in use has from autovacuum: without them the
	// first queries after a bulk fill plan as if the tables were empty.
	stmt := "ANALYZE"
	if db.Dialect().Name().String() == "pg" {
		stmt = "VACUUM ANALYZE"
	}
	if _, err := db.ExecContext(ctx, stmt); err != nil {
		return g.sum, err
	}
	if db.Dialect().Name().String() != "pg" {
		// The word indexes were written row by row in many small segments:
		// merged into one, a search reads one doclist per term.
		for _, t := range []string{"candidates_words", "proposals_words"} {
			if _, err := db.ExecContext(ctx, "INSERT INTO "+t+" ("+t+") VALUES ('optimize')"); err != nil {
				return g.sum, err
			}
		}
	}
	return g.sum, nil
}

type gen struct {
	db      *bun.DB
	o       Options
	rnd     *rand.Rand
	now     time.Time
	sum     Summary
	offices []office // regency offices
	kanwil  int64
	ops     map[int64]int64 // office → operator id
	heads   map[int64]int64 // office → kepala id
	vers    []int64
	admin   int64
	staff   map[int64][]eligibility.Candidate // office → its register
	seq     map[[2]int64]int                  // office, year → last letter number
	nips    map[string]bool
}

func (g *gen) logf(format string, args ...any) {
	if g.o.Progress != nil {
		fmt.Fprintf(g.o.Progress, format+"\n", args...)
	}
}

func (g *gen) loadOffices(ctx context.Context) error {
	var rows []models.Office
	if err := g.db.NewSelect().Model(&rows).Order("code").Scan(ctx); err != nil {
		return err
	}
	for _, r := range rows {
		if r.IsKanwil() {
			g.kanwil = r.ID
			continue
		}
		num := r.Code
		if len(num) >= 2 {
			num = num[len(num)-2:]
		}
		g.offices = append(g.offices, office{id: r.ID, code: r.Code, num: num})
	}
	if len(g.offices) == 0 {
		return errors.New("tidak ada kantor kabupaten/kota: jalankan migrasi dahulu")
	}
	return nil
}

// insert writes rows (a pointer to a slice) in statements of at most per
// rows, so no statement passes SQLite's parameter limit.
func insert[T any](ctx context.Context, db bun.IDB, rows []T, per int) error {
	for len(rows) > 0 {
		n := min(per, len(rows))
		chunk := rows[:n]
		if _, err := db.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// insertOwned is insert for office-owned tables, through the store (the
// demo writes every office's data: store.System).
func insertOwned[T any](ctx context.Context, db bun.IDB, rows []T, per int) error {
	st := store.System(db, "demo data")
	for len(rows) > 0 {
		n := min(per, len(rows))
		chunk := rows[:n]
		if _, err := st.Insert(&chunk).Exec(ctx); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func (g *gen) users(ctx context.Context) error {
	if len(g.o.Password) < 10 {
		return errors.New("kata sandi pengguna contoh minimal 10 karakter")
	}
	hash, err := auth.New(g.db, clock.Real, nil).HashPassword(ctx, g.o.Password) // one hash for every demo user
	if err != nil {
		return err
	}
	at := g.now
	var users []models.User
	add := func(username, name string, role models.Role, officeID *int64) {
		users = append(users, models.User{Username: username, Name: name, NIP: g.nip(g.birth(), 0, 1).String(), Role: role,
			OfficeID: officeID, PasswordHash: hash, Active: true, CreatedAt: at, UpdatedAt: at})
	}
	for i := range g.offices {
		of := &g.offices[i]
		add(userPrefix+"operator_"+of.num, g.name()+" (Contoh)", models.RoleOperator, &of.id)
		add(userPrefix+"kepala_"+of.num, g.name()+" (Contoh)", models.RoleKepala, &of.id)
	}
	for i := 1; i <= 3; i++ {
		add(fmt.Sprintf("%sverifikator_%d", userPrefix, i), g.name()+" (Contoh)", models.RoleVerifikator, nil)
	}
	add(userPrefix+"admin", g.name()+" (Contoh)", models.RoleAdmin, nil)
	if err := insert(ctx, g.db, users, 200); err != nil {
		return fmt.Errorf("pengguna contoh (sudah ada? hapus pengguna demo_* dahulu): %w", err)
	}
	g.ops, g.heads = map[int64]int64{}, map[int64]int64{}
	for _, u := range users {
		switch u.Role {
		case models.RoleOperator:
			g.ops[*u.OfficeID] = u.ID
		case models.RoleKepala:
			g.heads[*u.OfficeID] = u.ID
		case models.RoleVerifikator:
			g.vers = append(g.vers, u.ID)
		case models.RoleAdmin:
			g.admin = u.ID
		}
	}
	g.sum.Users = len(users)
	g.logf("%d pengguna contoh", len(users))
	return nil
}

// Names: common Javanese and Indonesian names; a few carry an apostrophe
// (Nur’aini, Ma’ruf) to exercise search.
var (
	firstNames = []string{"Ahmad", "Muhammad", "Siti", "Sri", "Budi", "Dewi", "Agus", "Eko", "Nur", "Rina", "Dwi", "Tri",
		"Yuli", "Heru", "Wahyu", "Fitri", "Ani", "Joko", "Bambang", "Endang", "Slamet", "Retno", "Hadi", "Lestari",
		"Arif", "Ika", "Rizky", "Nurul", "Fajar", "Anis", "Ma’ruf", "Nur’aini", "Mu’arif", "Khoirul", "Umi", "Yusuf"}
	lastNames = []string{"Santoso", "Wibowo", "Susanti", "Rahayu", "Hidayat", "Kurniawan", "Lestari", "Prasetyo",
		"Setiawan", "Handayani", "Wijaya", "Purnomo", "Saputra", "Fauzi", "Hartono", "Maulana", "Ramadhan",
		"Nugroho", "Astuti", "Firmansyah", "Sholikhah", "Mubarok", "Hasanah", "Syafi’i", "Ni’mah"}
	places = []string{"Semarang", "Purbalingga", "Banjarnegara", "Kudus", "Pati", "Magelang", "Klaten", "Boyolali",
		"Demak", "Kendal", "Cilacap", "Banyumas", "Tegal", "Pekalongan", "Surakarta", "Jepara", "Wonosobo"}
	campuses = []string{"Universitas Contoh Semarang", "Institut Contoh Purwokerto", "UIN Contoh Walisongo",
		"Politeknik Contoh Jawa Tengah"}
)

func (g *gen) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

func (g *gen) name() string { return g.pick(firstNames) + " " + g.pick(lastNames) }

func (g *gen) birth() models.Date {
	y := g.now.Year() - 28 - g.rnd.IntN(29)
	return models.Date{Year: y, Month: time.Month(1 + g.rnd.IntN(12)), Day: 1 + g.rnd.IntN(28)}
}

// nip builds a NIP that passes nip_format: birth date, TMT CPNS (at 23–30),
// gender digit and a sequence number, unique across the run.
func (g *gen) nip(birth models.Date, _ int, gender int) models.NIP {
	for {
		n := g.tryNIP(birth, gender)
		if !g.nips[n.String()] {
			if g.nips == nil {
				g.nips = map[string]bool{}
			}
			g.nips[n.String()] = true
			return n
		}
	}
}

func (g *gen) tryNIP(birth models.Date, gender int) models.NIP {
	// In service before the oldest demo proposal (two years back).
	tmt := birth.Year + 23 + g.rnd.IntN(5)
	if tmt > g.now.Year()-3 {
		tmt = g.now.Year() - 3
	}
	s := fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birth.Year, int(birth.Month), birth.Day, tmt, 1+g.rnd.IntN(12),
		gender, 1+g.rnd.IntN(999))
	n, err := models.ParseNIP(s)
	if err != nil {
		panic(err) // the format above is always valid
	}
	return n
}

var (
	positions = []models.Position{models.PranataKomputer, models.PranataHumas}
	fieldOf   = map[models.Position]string{models.PranataKomputer: "Teknik Informatika", models.PranataHumas: "Ilmu Komunikasi"}
	ranks     = []models.Rank{"III/a", "III/a", "III/b", "III/b", "III/c", "III/c", "III/d", "IV/a", "IV/b"}
	ratings   = []models.PerformanceRating{models.RatingSangatBaik, models.RatingBaik, models.RatingBaik, models.RatingBaik,
		models.RatingSangatBaik, models.RatingBaik, models.RatingBaik, models.RatingBaik, models.RatingBaik, models.RatingBaik,
		models.RatingBaik, models.RatingBaik, models.RatingBaik, models.RatingBaik, models.RatingButuhPerbaikan}
	eduLevels = []models.EducationLevel{models.EduS1, models.EduS1, models.EduS1, models.EduS1, models.EduS1, models.EduS1,
		models.EduS1, models.EduD3, models.EduS2, models.EduD4}
)

func (g *gen) employee() eligibility.Candidate {
	birth := g.birth()
	gender := 1 + g.rnd.IntN(2)
	pos := positions[g.rnd.IntN(len(positions))]
	yes := true
	exp := 12 + g.rnd.IntN(120)
	perf := map[string]models.PerformanceRating{}
	for y := g.now.Year() - 4; y < g.now.Year(); y++ {
		perf[fmt.Sprint(y)] = ratings[g.rnd.IntN(len(ratings))]
	}
	n := g.nip(birth, 0, gender)
	edu := eduLevels[g.rnd.IntN(len(eduLevels))]
	c := eligibility.Candidate{
		NIP: n.String(), Name: g.name(), BirthPlace: g.pick(places), BirthDate: birth,
		Gender: models.Male, EmploymentStatus: models.EmploymentPNS, Rank: ranks[g.rnd.IntN(len(ranks))],
		RankTMT:         models.Date{Year: g.now.Year() - 1 - g.rnd.IntN(4), Month: time.April, Day: 1},
		CurrentPosition: "Pengadministrasi Umum", EducationLevel: edu, EducationField: fieldOf[pos],
		EducationInstitution: g.pick(campuses), EducationYear: birth.Year + 22,
		Performance: perf, ExperienceMonths: &exp, CompetencyTestPassed: &yes,
		Discipline:      &eligibility.Discipline{Ongoing: new(bool)},
		HealthStatement: &yes, IntegrityStatement: &yes, VacancyAvailable: &yes,
	}
	if gender == 2 {
		c.Gender = models.Female
	}
	if g.rnd.IntN(20) == 0 { // a few with an ongoing penalty
		t := true
		c.Discipline.Ongoing = &t
	}
	return c
}

func (g *gen) employees(ctx context.Context) error {
	g.staff = map[int64][]eligibility.Candidate{}
	var batch []models.Employee
	flush := func() error {
		err := insertOwned(ctx, g.db, batch, 500)
		batch = batch[:0]
		return err
	}
	for i := 0; i < g.o.Employees; i++ {
		of := g.offices[i%len(g.offices)]
		c := g.employee()
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		g.staff[of.id] = append(g.staff[of.id], c)
		op := g.ops[of.id]
		batch = append(batch, models.Employee{OfficeID: of.id, NIP: c.NIP, Name: c.Name, Data: string(b), Version: 1,
			CreatedBy: &op, UpdatedBy: &op, CreatedAt: g.now, UpdatedAt: g.now})
		if len(batch) == 1000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	g.sum.Employees = g.o.Employees
	g.logf("%d pegawai contoh", g.o.Employees)
	return nil
}

type formation struct {
	bun.BaseModel `bun:"table:formations"`
	ID            int64     `bun:"id,pk,autoincrement"`
	OfficeID      int64     `bun:"office_id"`
	Position      string    `bun:"position"`
	Level         string    `bun:"level"`
	Year          int       `bun:"year"`
	Quota         int       `bun:"quota"`
	Basis         string    `bun:"basis"`
	Version       int64     `bun:"version"`
	UpdatedBy     *int64    `bun:"updated_by"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

// formations sets a quota for every office, position and expert level for
// this year and the last one.
func (g *gen) formations(ctx context.Context) error {
	var rows []formation
	for _, of := range g.offices {
		for y := g.now.Year() - 1; y <= g.now.Year(); y++ {
			for _, p := range positions {
				for _, l := range []models.Level{models.AhliPertama, models.AhliMuda, models.AhliMadya} {
					rows = append(rows, formation{OfficeID: of.id, Position: string(p), Level: string(l), Year: y,
						Quota: g.rnd.IntN(6), Basis: "Data contoh", Version: 1, UpdatedBy: &g.admin,
						CreatedAt: g.now, UpdatedAt: g.now})
				}
			}
		}
	}
	if err := insertOwned(ctx, g.db, rows, 500); err != nil {
		return err
	}
	g.sum.Formations = len(rows)
	return nil
}

// paths: the actions that bring a proposal from draft to each final state.
var paths = map[models.Status][]workflow.Action{
	models.StatusDraft:             {},
	models.StatusSubmitted:         {workflow.ActSubmit},
	models.StatusInReview:          {workflow.ActSubmit, workflow.ActClaim},
	models.StatusRevisionRequested: {workflow.ActSubmit, workflow.ActClaim, workflow.ActRequestRevision},
	models.StatusVerified:          {workflow.ActSubmit, workflow.ActClaim, workflow.ActVerify},
	models.StatusRejected:          {workflow.ActSubmit, workflow.ActClaim, workflow.ActReject},
	models.StatusForwarded:         {workflow.ActSubmit, workflow.ActClaim, workflow.ActVerify, workflow.ActForward},
	models.StatusCompleted: {workflow.ActSubmit, workflow.ActClaim, workflow.ActRequestRevision, workflow.ActResubmit,
		workflow.ActVerify, workflow.ActForward, workflow.ActComplete},
	models.StatusWithdrawn: {workflow.ActSubmit, workflow.ActWithdraw},
}

// statusMix weights the final states: most proposals are finished.
var statusMix = []struct {
	s models.Status
	w int
}{
	{models.StatusDraft, 6}, {models.StatusSubmitted, 8}, {models.StatusInReview, 6}, {models.StatusRevisionRequested, 5},
	{models.StatusVerified, 5}, {models.StatusRejected, 8}, {models.StatusForwarded, 7}, {models.StatusCompleted, 50},
	{models.StatusWithdrawn, 5},
}

func (g *gen) status() models.Status {
	n := g.rnd.IntN(100)
	for _, m := range statusMix {
		if n < m.w {
			return m.s
		}
		n -= m.w
	}
	return models.StatusCompleted
}

var notes = map[workflow.Action]string{
	workflow.ActRequestRevision: "Lengkapi SK pangkat terakhir dan penilaian kinerja dua tahun terakhir.",
	workflow.ActReject:          "Calon tidak memenuhi syarat pangkat untuk jenjang yang diusulkan.",
	workflow.ActWithdraw:        "Ditarik untuk diajukan kembali pada periode berikutnya.",
}

type proposalPlan struct {
	p       models.Proposal
	cands   []models.Candidate
	events  []models.Event
	finds   []workflow.Finding
	reasons []plannedReason
}

// plannedReason is an item found wanting at a decision: the event's index
// in the plan, its action and item (decision_reasons, for the obstacle map).
type plannedReason struct {
	event  int
	action string
	item   string
}

// wantingItems are what the demo's reviews find wanting, the most common
// first (each drawn with the weight of its repeats).
var wantingItems = []string{"doc:sk_pangkat", "doc:sk_pangkat", "doc:sk_pangkat", "doc:skp", "doc:skp",
	"rule:performance", "rule:performance", "doc:ijazah", "rule:education_field", "doc:sk_jabatan", "rule:rank_range", "doc:ukom"}

func (g *gen) proposals(ctx context.Context) error {
	const per = 1000
	span := 2 * 365 * 24 * time.Hour // histories over the last two years
	start := g.now.Add(-span)
	caps := []eligibility.PayCap{}
	for done := 0; done < g.o.Proposals; done += per {
		n := min(per, g.o.Proposals-done)
		plans := make([]proposalPlan, n)
		for i := range plans {
			// Creation times grow with the index, so the newest proposals are the last made.
			at := start.Add(time.Duration(float64(span) * float64(done+i) / float64(max(1, g.o.Proposals))))
			plans[i] = g.plan(at, caps)
		}
		err := g.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			props := make([]models.Proposal, n)
			for i := range plans {
				props[i] = plans[i].p
			}
			if err := insertOwned(ctx, tx, props, 500); err != nil {
				return err
			}
			var cands []models.Candidate
			var events []models.Event
			var finds []workflow.Finding
			for i := range plans {
				id := props[i].ID
				if id == 0 {
					return errors.New("the database returned no proposal id")
				}
				for _, c := range plans[i].cands {
					c.ProposalID = id
					cands = append(cands, c)
				}
				for _, e := range plans[i].events {
					e.ProposalID = id
					events = append(events, e)
				}
				for _, f := range plans[i].finds {
					f.ProposalID = id
					finds = append(finds, f)
				}
			}
			if err := insertOwned(ctx, tx, cands, 500); err != nil {
				return err
			}
			if err := insertOwned(ctx, tx, events, 1000); err != nil {
				return err
			}
			if err := insertOwned(ctx, tx, finds, 1000); err != nil {
				return err
			}
			// The decisions' wanting items, as the workflow records them.
			var reasons []workflow.DecisionReason
			first := 0
			for i := range plans {
				for _, r := range plans[i].reasons {
					e := events[first+r.event]
					reasons = append(reasons, workflow.DecisionReason{EventID: e.ID, ProposalID: e.ProposalID,
						Action: r.action, Item: r.item, Label: reasonLabels[r.item], CreatedAt: e.CreatedAt})
				}
				first += len(plans[i].events)
			}
			if err := insertOwned(ctx, tx, reasons, 1000); err != nil {
				return err
			}
			g.sum.Candidates += len(cands)
			g.sum.Events += len(events)
			g.sum.Findings += len(finds)
			return nil
		})
		if err != nil {
			return err
		}
		g.sum.Proposals += n
		g.logf("%d/%d usulan contoh", g.sum.Proposals, g.o.Proposals)
	}
	// The letter counters continue after the demo's numbers.
	for k, last := range g.seq {
		if _, err := g.db.NewRaw(`INSERT INTO letter_counters (office_id, year, classification, last_seq) VALUES (?, ?, '', ?)
			ON CONFLICT (office_id, year, classification) DO UPDATE SET last_seq = EXCLUDED.last_seq`,
			k[0], k[1], last).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) plan(created time.Time, caps []eligibility.PayCap) proposalPlan {
	of := g.offices[g.rnd.IntN(len(g.offices))]
	op, head := g.ops[of.id], g.heads[of.id]
	ver := g.vers[g.rnd.IntN(len(g.vers))]
	final := g.status()
	pl := proposalPlan{p: models.Proposal{OfficeID: of.id, Status: models.StatusDraft, Version: 1,
		CreatedBy: &op, CreatedAt: created, UpdatedAt: created}}
	p := &pl.p
	ref := models.DateOf(created.In(models.Jakarta))
	p.ReferenceDate = ref
	staff := g.staff[of.id]
	if g.rnd.IntN(10) == 0 || len(staff) == 0 {
		p.Kind = models.KindStaffing
		req := eligibility.StaffingRequest{Kind: "staffing", ReferenceDate: ref, Office: of.code,
			PositionTitle: g.pick([]string{"Pengelola Website", "Pramubakti", "Pengemudi", "Petugas Kebersihan", "Satpam", "Operator Data"}),
			Count:         1 + g.rnd.IntN(3), Mechanism: models.MechanismOutsourcing, EducationLevel: models.EduSMA,
			EducationField: "Umum", MonthlyPay: int64(1800000 + 50000*g.rnd.IntN(6)), BudgetSource: "DIPA Kankemenag (contoh)",
			PeriodStart: models.Date{Year: ref.Year + 1, Month: time.January, Day: 1}, PeriodEnd: models.Date{Year: ref.Year + 1, Month: time.December, Day: 31},
			Justification: "Beban layanan bertambah; data contoh."}
		b, _ := json.Marshal(req)
		res := eligibility.EvaluateStaffing(req, caps)
		rb, _ := json.Marshal(res)
		s, c := string(b), string(rb)
		p.Staffing, p.Checks, p.Verdict = &s, &c, res.Verdict
	} else {
		p.Kind = models.KindJFT
		pos := positions[g.rnd.IntN(len(positions))]
		want := min([]int{1, 1, 1, 2, 3}[g.rnd.IntN(5)], len(staff))
		first := g.rnd.IntN(len(staff))
		// The level fits the first candidate's rank, as an operator would choose it.
		p.Position, p.Level = string(pos), string(levelFor(staff[first].Rank))
		p.Route = string([]models.Route{models.PengangkatanPertama, models.Perpindahan, models.Perpindahan,
			models.Promosi, models.PengangkatanPertama, models.Perpindahan, models.Promosi, models.Perpindahan,
			models.PengangkatanPertama, models.Penyesuaian}[g.rnd.IntN(10)])
		worst := "eligible"
		for seq := 1; seq <= want; seq++ {
			c := staff[(first+seq-1)%len(staff)] // distinct people
			res := eligibility.Evaluate(eligibility.Request{ReferenceDate: ref, Position: pos, Level: models.Level(p.Level),
				Route: models.Route(p.Route), Candidate: c})
			data, _ := json.Marshal(c)
			rb, _ := json.Marshal(res)
			pl.cands = append(pl.cands, models.Candidate{Seq: seq, NIP: c.NIP, Name: c.Name, Data: string(data),
				Verdict: res.Verdict, Result: string(rb)})
			worst = worse(worst, res.Verdict)
		}
		p.Verdict = worst
	}
	// The history: created, then each action a few days after the last.
	at := created
	ev := func(actor int64, action string, to models.Status, note string) {
		a := actor
		pl.events = append(pl.events, models.Event{ActorID: &a, Action: action, FromStatus: p.Status, ToStatus: to,
			Note: note, CreatedAt: at})
		if to != p.Status || p.StateSince.IsZero() {
			p.StateSince = at
		}
		p.Status = to
		p.Version++
		p.UpdatedAt = at
	}
	ev(op, "create", models.StatusDraft, "")
	p.Version = 1
	for _, act := range paths[final] {
		at = at.Add(time.Duration(1+g.rnd.IntN(72*7)) * time.Hour / 7)
		if at.After(g.now) {
			at = g.now
		}
		t, _ := workflow.Lookup(act)
		actor := ver
		switch act {
		case workflow.ActSubmit, workflow.ActResubmit, workflow.ActWithdraw:
			actor = head
		case workflow.ActComplete:
			actor = g.admin
		}
		switch act {
		case workflow.ActSubmit:
			d := models.DateOf(at.In(models.Jakarta))
			k := [2]int64{of.id, int64(d.Year)}
			if g.seq == nil {
				g.seq = map[[2]int64]int{}
			}
			g.seq[k]++
			class := workflow.ClassificationJFT
			if p.Kind == models.KindStaffing {
				class = workflow.ClassificationStaffing
			}
			num := workflow.LetterNumber(g.seq[k], of.code, class, d)
			p.LetterNumber, p.LetterDate, p.SubmittedBy = &num, d, &head
			sub := at
			p.SubmittedAt = &sub
		case workflow.ActClaim:
			p.ReviewerID = &ver
		case workflow.ActRequestRevision, workflow.ActVerify, workflow.ActReject:
			item := ""
			switch {
			case act == workflow.ActVerify:
			case len(pl.cands) == 0:
				item = "doc:rincian_biaya"
			case act == workflow.ActReject && g.rnd.IntN(4) == 0:
				item = workflow.ReasonRejectNote // rejected for what the note says
			default:
				item = wantingItems[g.rnd.IntN(len(wantingItems))]
			}
			if item != "" {
				pl.reasons = append(pl.reasons, plannedReason{event: len(pl.events), action: string(act), item: item})
			}
			pl.finds = g.findings(pl, ver, at, item)
		case workflow.ActComplete:
			d := models.DateOf(at.In(models.Jakarta))
			p.DecreeNumber, p.DecreeDate = fmt.Sprintf("B-%d/Kw.11/1/KP.07.6/%02d/%d", 1000+g.rnd.IntN(9000), int(d.Month), d.Year), d
		}
		ev(actor, string(act), t.To, notes[act])
	}
	return pl
}

// findings marks the items of each candidate as checked: all sesuai, or
// the one found wanting (tidak_sesuai, with a note) when the review found
// something (wanting: its item; "" for none).
func (g *gen) findings(pl proposalPlan, ver int64, at time.Time, wanting string) []workflow.Finding {
	var out []workflow.Finding
	items := []string{"rule:rank_range", "rule:education_field", "rule:performance", "doc:sk_pangkat"}
	if wanting != "" && wanting != workflow.ReasonRejectNote && !slices.Contains(items, wanting) {
		items = append(items, wanting)
	}
	for _, c := range pl.cands {
		for _, item := range items {
			f := workflow.Finding{Subject: c.NIP, Item: item, Finding: "sesuai", ReviewerID: &ver, UpdatedAt: at}
			if item == wanting {
				f.Finding, f.Note = "tidak_sesuai", wantingNotes[item]
			}
			out = append(out, f)
		}
	}
	if len(pl.cands) == 0 {
		f := workflow.Finding{Item: "doc:rincian_biaya", Finding: "sesuai", ReviewerID: &ver, UpdatedAt: at}
		if wanting == f.Item {
			f.Finding, f.Note = "tidak_sesuai", wantingNotes[f.Item]
		}
		out = append(out, f)
	}
	return out
}

// reasonLabels name the items the reports cannot name from the rules and
// the JFT checklist.
var reasonLabels = map[string]string{"doc:rincian_biaya": "Rincian biaya dan sumber anggaran",
	workflow.ReasonRejectNote: "Ditolak (alasan pada catatan)"}

// wantingNotes are the verifier's notes on what was found wanting.
var wantingNotes = map[string]string{
	"doc:sk_pangkat":       "SK pangkat yang diunggah bukan yang terakhir.",
	"doc:skp":              "SKP dua tahun terakhir belum lengkap.",
	"rule:performance":     "Predikat kinerja belum memenuhi syarat.",
	"doc:ijazah":           "Transkrip nilai tidak terbaca.",
	"rule:education_field": "Kualifikasi pendidikan tidak sesuai jabatan.",
	"doc:sk_jabatan":       "SK jabatan terakhir belum diunggah.",
	"rule:rank_range":      "Pangkat di luar rentang jenjang yang diusulkan.",
	"doc:ukom":             "Sertifikat uji kompetensi belum ada.",
	"doc:rincian_biaya":    "Rincian biaya melebihi batas honor.",
}

func levelFor(r models.Rank) models.Level {
	switch {
	case r.Order() >= models.Rank("IV/a").Order():
		return models.AhliMadya
	case r.Order() >= models.Rank("III/c").Order():
		return models.AhliMuda
	}
	return models.AhliPertama
}

func worse(a, b string) string {
	rank := map[string]int{"eligible": 0, "incomplete": 1, "not_eligible": 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
