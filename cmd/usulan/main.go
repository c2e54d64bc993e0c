// Command usulan is the one binary of Usulan: it serves the web application
// and the JSON API, runs migrations, creates users and API tokens, and runs
// the eligibility check from the command line (API.md).
//
//	usulan [serve]
//	usulan migrate up|down|status
//	usulan user create --username U --role R [--office CODE] [--name N] [--nip NIP]   (password on stdin)
//	usulan user disable|enable --username U
//	usulan user password --username U   (new password on stdin)
//	usulan token create|revoke --username U
//	usulan check [FILE]
//	usulan demo --proposals N --employees M [--seed S] [--password P]
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // Asia/Jakarta everywhere, even without system zoneinfo

	"github.com/uptrace/bun"
	"golang.org/x/term"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/background"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/config"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/demo"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/app/web"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `Penggunaan:
  usulan [serve]                         menjalankan server web (ADDR, bawaan :3000)
  usulan migrate up|down|status          migrasi skema basis data
  usulan user create --username U --role operator|kepala|verifikator|admin [--office KODE] [--name NAMA] [--nip NIP]
                                         membuat pengguna; kata sandi dibaca dari masukan standar (satu baris)
  usulan user disable --username U       menonaktifkan pengguna (tidak dapat masuk; sesi dan token API ditolak)
  usulan user enable --username U        mengaktifkan kembali pengguna
  usulan user password --username U      mengganti kata sandi; kata sandi baru dibaca dari masukan standar
  usulan user set --username U [--name N] [--nip NIP] [--email E] [--role R] [--office KODE]
                                         mengubah data pengguna (hanya isian yang disebut)
  usulan token create --username U       mencetak token API baru (hanya ditampilkan sekali)
  usulan token revoke --username U       mencabut semua token API pengguna
  usulan check [BERKAS]                  pemeriksaan syarat (JSON dari berkas atau masukan standar)
  usulan demo --proposals N --employees M [--seed S] [--password SANDI]
                                         mengisi basis data KOSONG dengan data contoh (fiktif): pengguna demo_*,
                                         pegawai, formasi, usulan dengan riwayat sampai setiap status
  usulan office list                     mencetak kode dan nama kantor, dan data yang belum diisi untuk surat

Konfigurasi dari lingkungan: DATABASE_URL (bawaan sqlite://data/usulan.db), ADDR, BASE_URL, SECRET_KEY, LOG_FORMAT,
UPLOAD_LIMIT_BYTES (bawaan 2 MB), SMTP_URL (notifikasi e-mail, mis. smtp://user:sandi@host:587?from=usulan@contoh.go.id),
TRUSTED_PROXIES (IP/CIDR proksi atau load balancer yang X-Forwarded-For-nya dipercaya, dipisah koma).
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if cmd == "check" {
		return runCheck(args, stdin, stdout, stderr)
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(stderr, "konfigurasi:", err)
		return 2
	}
	log := newLogger(cfg, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// The command line's own commands (migrations, the demo fill) run long
	// statements; the server keeps the driver's request timeouts.
	dbURL := cfg.DatabaseURL
	if cmd != "serve" {
		dbURL = db.Maintenance(dbURL)
	}
	database, err := db.Open(dbURL)
	if err != nil {
		fmt.Fprintln(stderr, "basis data:", err)
		return 1
	}
	defer database.Close()
	users := auth.New(database, clock.Real, cfg.PasswordHash)
	// The audit trail names the command line, and the system account that ran it.
	actor := "cli"
	if u := os.Getenv("USER"); u != "" {
		actor += ":" + u
	}
	ctx = audit.WithActor(ctx, audit.Actor{Name: actor})

	switch cmd {
	case "serve":
		err = serve(ctx, cfg, database, users, log, stdout)
	case "migrate":
		err = migrateCmd(ctx, database, args, stdout)
	case "user":
		err = userCmd(ctx, database, users, args, stdin, stdout)
	case "token":
		err = tokenCmd(ctx, database, users, args, stdout)
	case "demo":
		err = demoCmd(ctx, database, args, stdout)
	case "office":
		err = officeCmd(ctx, database, args, stdout)
	default:
		fmt.Fprint(stderr, usage)
		return 2
	}
	if err != nil {
		if e, ok := apperror.As(err); ok {
			fmt.Fprintln(stderr, "galat:", e.Message)
			for f, m := range e.Fields {
				fmt.Fprintf(stderr, "  %s: %s\n", f, m)
			}
			return 2
		}
		fmt.Fprintln(stderr, "galat:", err)
		return 1
	}
	return 0
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func serve(ctx context.Context, cfg *config.Config, database *bun.DB, users *auth.Service, log *slog.Logger, stdout io.Writer) error {
	// Migrations at start-up run on their own connection without the
	// request timeouts (an index over a large table takes its time).
	mdb, err := db.Open(db.Maintenance(cfg.DatabaseURL))
	if err != nil {
		return err
	}
	_, err = db.MigrateUp(ctx, mdb)
	mdb.Close()
	if err != nil {
		return fmt.Errorf("migrasi: %w", err)
	}
	if _, err := cfg.EnsureSecret(); err != nil {
		return fmt.Errorf("kunci rahasia: %w", err)
	}
	n, err := database.NewSelect().Model((*models.User)(nil)).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(stdout, "Belum ada pengguna. Buat admin pertama dengan:")
		fmt.Fprintln(stdout, "  go run ./cmd/usulan user create --username admin --role admin --name \"Nama Anda\"")
		fmt.Fprintln(stdout, "  (kata sandi diketik lalu Enter; minimal 10 karakter)")
	}
	svc := workflow.New(database, cfg.BaseURL, clock.Real)
	svc.UploadLimit, svc.Log = cfg.UploadLimit, log
	mailer, err := notify.ParseSMTPURL(cfg.SMTPURL)
	if err != nil {
		return err
	}
	if mailer != nil {
		svc.Mailer = mailer
	}
	// The job engine (River): the e-mail outbox and the daily service-level
	// run. Jobs left by a previous run are worked once it starts.
	engine, err := background.New(background.Deps{Workflow: svc, Mailer: svcMailer(mailer), Log: log,
		DatabaseURL: cfg.DatabaseURL})
	if err != nil {
		return fmt.Errorf("mesin tugas latar: %w", err)
	}
	// Not ctx: cancelling it would cancel running jobs; Stop below is graceful.
	if err := engine.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("mesin tugas latar: %w", err)
	}
	app := web.New(web.Deps{DB: database, Config: cfg, Workflow: svc, Auth: users, Log: log})

	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		store := &auth.SessionStore{DB: database, Clock: clock.Real}
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := store.DeleteExpired(ctx); err != nil {
					log.Warn("cleaning sessions", "err", err)
				}
			}
		}
	}()

	errc := make(chan error, 1)
	go func() { errc <- app.Listen(cfg.Addr) }()
	log.Info("usulan serving", "addr", cfg.Addr, "database", db.DialectName(database), "base_url", cfg.BaseURL)
	fmt.Fprintf(stdout, "Usulan berjalan di %s\n", cfg.BaseURL)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	err = app.ShutdownWithTimeout(15 * time.Second)
	// Running jobs get 15 s to finish; one cut short runs again at the next start.
	stopCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if serr := engine.Stop(stopCtx); serr != nil {
		log.Warn("stopping the job engine", "err", serr)
	}
	return err
}

// svcMailer keeps a nil *SMTP a nil Mailer (e-mail off).
func svcMailer(m *notify.SMTP) notify.Mailer {
	if m == nil {
		return nil
	}
	return m
}

func migrateCmd(ctx context.Context, database *bun.DB, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return apperror.InvalidField("migrate", "gunakan: usulan migrate up|down|status")
	}
	switch args[0] {
	case "up":
		n, err := db.MigrateUp(ctx, database)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d migrasi diterapkan\n", n)
	case "down":
		n, err := db.MigrateDown(ctx, database)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d migrasi dibatalkan\n", n)
	case "status":
		m := db.Migrator(database)
		if err := m.Init(ctx); err != nil {
			return err
		}
		ms, err := m.MigrationsWithStatus(ctx)
		if err != nil {
			return err
		}
		for _, x := range ms {
			state := "belum"
			if x.IsApplied() {
				state = "sudah"
			}
			fmt.Fprintf(stdout, "%s_%s\t%s\n", x.Name, x.Comment, state)
		}
	default:
		return apperror.InvalidField("migrate", "gunakan: usulan migrate up|down|status")
	}
	return nil
}

func userCmd(ctx context.Context, database *bun.DB, users *auth.Service, args []string, stdin io.Reader, stdout io.Writer) error {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "create":
		return userCreate(ctx, database, users, args, stdin, stdout)
	case "set":
		return userSet(ctx, database, users, args, stdout)
	case "disable", "enable":
		u, err := userFlag(ctx, database, "user "+sub, args)
		if err != nil {
			return err
		}
		if err := users.SetActive(ctx, u.ID, sub == "enable"); err != nil {
			return err
		}
		if sub == "enable" {
			fmt.Fprintf(stdout, "pengguna %s diaktifkan\n", u.Username)
		} else {
			fmt.Fprintf(stdout, "pengguna %s dinonaktifkan: tidak dapat masuk, sesi dan token API-nya ditolak\n", u.Username)
		}
		return nil
	case "password":
		u, err := userFlag(ctx, database, "user password", args)
		if err != nil {
			return err
		}
		password, err := readPassword(stdin)
		if err != nil {
			return err
		}
		if err := users.SetPassword(ctx, u.ID, password, nil); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "kata sandi pengguna %s diganti\n", u.Username)
		return nil
	}
	return apperror.InvalidField("user", "gunakan: usulan user create|set|disable|enable|password --username U …")
}

func userCreate(ctx context.Context, database *bun.DB, users *auth.Service, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	username := fs.String("username", "", "nama pengguna")
	role := fs.String("role", "", "operator | kepala | verifikator | admin")
	office := fs.String("office", "", "kode kantor, mis. Kk.11.03 (wajib untuk operator dan kepala)")
	name := fs.String("name", "", "nama lengkap dengan gelar")
	nip := fs.String("nip", "", "NIP")
	if err := fs.Parse(args); err != nil {
		return apperror.InvalidField("flags", err.Error())
	}
	if _, err := db.MigrateUp(ctx, database); err != nil {
		return err
	}
	// Say what is wrong with the flags before asking for a password.
	if r := models.Role(*role); !r.Valid() {
		return apperror.InvalidField("role", "Peran harus salah satu dari operator, kepala, verifikator, admin.")
	} else if r.Regional() && *office == "" {
		return apperror.InvalidField("office", "Kantor (--office) wajib diisi untuk operator dan kepala.")
	}
	if *office != "" {
		if _, err := offices.Get(ctx, database, *office); err != nil {
			return apperror.InvalidField("office", "Kode kantor tidak dikenal.")
		}
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	u, err := users.CreateUser(ctx, auth.NewUser{Username: *username, Name: *name, NIP: *nip,
		Role: models.Role(*role), OfficeCode: *office, Password: password})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "pengguna %s (%s) dibuat\n", u.Username, u.Role)
	return nil
}

// userSet is `usulan user set --username U [--name N] [--nip NIP] [--email E]
// [--role R] [--office CODE]`: changes only the flags given (an empty value
// clears), with the web page's rules and audit event.
func userSet(ctx context.Context, database *bun.DB, users *auth.Service, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user set", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	username := fs.String("username", "", "nama pengguna")
	var in auth.UserChanges
	vals := map[string]*string{"name": new(string), "nip": new(string), "email": new(string), "role": new(string), "office": new(string)}
	for k, v := range vals {
		fs.StringVar(v, k, "", k)
	}
	if err := fs.Parse(args); err != nil {
		return apperror.InvalidField("flags", err.Error())
	}
	if fs.NArg() > 0 {
		return apperror.InvalidField("flags", "argumen tak dikenal: "+strings.Join(fs.Args(), " "))
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "name":
			in.Name = vals["name"]
		case "nip":
			in.NIP = vals["nip"]
		case "email":
			in.Email = vals["email"]
		case "role":
			in.Role = vals["role"]
		case "office":
			in.Office = vals["office"]
		}
	})
	u, err := userFlag(ctx, database, "user set", []string{"--username", *username})
	if err != nil {
		return err
	}
	changes, err := users.UpdateUser(ctx, u.ID, in)
	if err != nil {
		return err
	}
	if len(changes) == 0 {
		fmt.Fprintf(stdout, "pengguna %s tidak berubah\n", u.Username)
		return nil
	}
	fmt.Fprintf(stdout, "pengguna %s diubah (%d isian)\n", u.Username, len(changes))
	return nil
}

// demoDefaultPassword is every demo user's password unless --password says
// otherwise; the data is fake and the command refuses a database with
// proposals in it.
const demoDefaultPassword = "contoh-usulan-2026"

func demoCmd(ctx context.Context, database *bun.DB, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	proposals := fs.Int("proposals", 1000, "jumlah usulan")
	employees := fs.Int("employees", 500, "jumlah pegawai")
	seed := fs.Uint64("seed", 1, "benih acak (benih sama, data sama)")
	password := fs.String("password", demoDefaultPassword, "kata sandi semua pengguna demo_*")
	quiet := fs.Bool("quiet", false, "tanpa laporan kemajuan")
	if err := fs.Parse(args); err != nil {
		return apperror.InvalidField("flags", err.Error())
	}
	if _, err := db.MigrateUp(ctx, database); err != nil {
		return err
	}
	opts := demo.Options{Proposals: *proposals, Employees: *employees, Seed: *seed, Password: *password,
		Now: clock.Real.Now(), Progress: stdout}
	if *quiet {
		opts.Progress = nil
	}
	start := clock.Real.Now()
	sum, err := demo.Fill(ctx, database, opts)
	if err != nil {
		if errors.Is(err, demo.ErrNotEmpty) {
			return apperror.InvalidField("database", err.Error())
		}
		return err
	}
	fmt.Fprintf(stdout, "data contoh: %d pengguna, %d pegawai, %d formasi, %d usulan, %d calon, %d riwayat, %d temuan (%s)\n",
		sum.Users, sum.Employees, sum.Formations, sum.Proposals, sum.Candidates, sum.Events, sum.Findings,
		clock.Real.Now().Sub(start).Round(time.Second))
	fmt.Fprintf(stdout, "masuk sebagai demo_admin, demo_verifikator_1, demo_operator_03, demo_kepala_03 … (kata sandi: %s)\n", *password)
	return nil
}

// userFlag parses `--username U` (the only flag) and loads that user, in any state.
func userFlag(ctx context.Context, database *bun.DB, cmd string, args []string) (*models.User, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	username := fs.String("username", "", "nama pengguna")
	if err := fs.Parse(args); err != nil {
		return nil, apperror.InvalidField("flags", err.Error())
	}
	if fs.NArg() > 0 {
		return nil, apperror.InvalidField("flags", "argumen tak dikenal: "+strings.Join(fs.Args(), " "))
	}
	if *username == "" {
		return nil, apperror.InvalidField("username", "--username wajib diisi")
	}
	if _, err := db.MigrateUp(ctx, database); err != nil {
		return nil, err
	}
	u, err := auth.UserByUsername(ctx, database, *username)
	if e, ok := apperror.As(err); ok && e.Status == 404 {
		return nil, apperror.InvalidField("username", "pengguna tidak ditemukan")
	}
	return u, err
}

// readPassword reads one line from stdin, without its line ending. At a
// terminal it asks for it and does not echo it.
func readPassword(stdin io.Reader) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(os.Stderr, "Kata sandi (minimal 10 karakter): ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	password, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(password, "\r\n"), nil
}

func tokenCmd(ctx context.Context, database *bun.DB, users *auth.Service, args []string, stdout io.Writer) error {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "create":
		u, err := userFlag(ctx, database, "token create", args)
		if err != nil {
			return err
		}
		if !u.Active {
			return apperror.InvalidField("username", "pengguna nonaktif: aktifkan dahulu (usulan user enable)")
		}
		tok, err := users.CreateToken(ctx, u.Username)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, tok)
		return nil
	case "revoke":
		u, err := userFlag(ctx, database, "token revoke", args)
		if err != nil {
			return err
		}
		n, err := users.RevokeTokens(ctx, u.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d token pengguna %s dicabut\n", n, u.Username)
		return nil
	}
	return apperror.InvalidField("token", "gunakan: usulan token create|revoke --username U")
}

// runCheck is `usulan check [FILE]`: ELIGIBILITY.md §3. It needs no database;
// staffing pay caps are the built-in defaults.
func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var in []byte
	var err error
	switch len(args) {
	case 0:
		in, err = io.ReadAll(stdin)
	case 1:
		if args[0] == "-" {
			in, err = io.ReadAll(stdin)
		} else {
			in, err = os.ReadFile(args[0])
		}
	default:
		fmt.Fprintln(stderr, "gunakan: usulan check [BERKAS]")
		return 2
	}
	if err != nil {
		fmt.Fprintf(stdout, "{\"error\": %q, \"field\": \"\"}\n", "tidak dapat membaca masukan: "+err.Error())
		return 2
	}
	out, code := eligibility.Run(in, clock.Today(clock.Real), eligibility.DefaultPayCaps())
	stdout.Write(out)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		fmt.Fprintln(stdout)
	}
	return code
}

// officeCmd is "usulan office list": the office codes (for --office) with
// what each record still lacks for letters; no token needed.
func officeCmd(ctx context.Context, database *bun.DB, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "list" {
		return apperror.InvalidField("office", "Gunakan: usulan office list")
	}
	if _, err := db.MigrateUp(ctx, database); err != nil {
		return err
	}
	list, err := offices.List(ctx, database)
	if err != nil {
		return err
	}
	labels := map[string]string{"address": "alamat", "head_name": "nama kepala", "head_nip": "NIP kepala"}
	for i := range list {
		o := &list[i]
		gaps := workflow.OfficeGaps(o)
		state := "lengkap"
		if len(gaps) > 0 {
			var miss []string
			for _, k := range []string{"address", "head_name", "head_nip"} {
				if _, ok := gaps[k]; ok {
					miss = append(miss, labels[k])
				}
			}
			state = "belum lengkap: " + strings.Join(miss, ", ")
		}
		fmt.Fprintf(stdout, "%-9s %s (%s)\n", o.Code, o.Name, state)
	}
	return nil
}
