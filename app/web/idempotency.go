package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime"
	"sort"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/idempotency"
)

const (
	headerIdempotencyKey = "Idempotency-Key"
	// headerReplayed marks an answer sent again from the key's record.
	headerReplayed = "Idempotent-Replayed"
)

// idempotent honours an Idempotency-Key header on API POSTs (the creates:
// proposals and staffing requests, employees, attachments, obstacles,
// formations, reference rows; transitions too). The same user sending the
// same key with the same request gets the first answer again (with
// Idempotent-Replayed: true) and nothing is written twice; the same key
// with another method, path or body is a 422; a key whose first request
// has not answered yet is a 409. A request that fails (any error, any
// 5xx) frees its key so that the client may retry it. Without the header
// nothing changes.
func (s *Server) idempotent(c *fiber.Ctx) error {
	key := c.Get(headerIdempotencyKey)
	if key == "" || c.Method() != fiber.MethodPost {
		return c.Next()
	}
	if len(key) > idempotency.MaxKeyLength || !printableASCII(key) {
		return apperror.InvalidField(headerIdempotencyKey,
			"Idempotency-Key berisi 1–255 karakter ASCII yang dapat dicetak.")
	}
	u := currentUser(c)
	if u == nil {
		return apperror.Unauthorized()
	}
	fp, err := requestFingerprint(c)
	if err != nil {
		return err
	}
	store := idempotency.Store{DB: s.DB, Clock: clock.Func(s.Workflow.Now)}
	ctx := c.UserContext()
	outcome, rec, err := store.Reserve(ctx, u.ID, key, fp)
	if err != nil {
		return err
	}
	switch outcome {
	case idempotency.Mismatch:
		return apperror.Unprocessable("Idempotency-Key ini sudah dipakai untuk permintaan lain.",
			map[string]string{headerIdempotencyKey: "Gunakan kunci baru untuk permintaan yang berbeda."})
	case idempotency.InProgress:
		c.Set(fiber.HeaderRetryAfter, "1")
		return apperror.Conflict("Permintaan dengan Idempotency-Key yang sama sedang diproses. Coba lagi sebentar lagi.")
	case idempotency.Replay:
		c.Set(headerReplayed, "true")
		if rec.ContentType != "" {
			c.Set(fiber.HeaderContentType, rec.ContentType)
		}
		if rec.Location != "" {
			c.Set(fiber.HeaderLocation, rec.Location)
		}
		return c.Status(rec.Status).Send(rec.Body)
	}
	if err := c.Next(); err != nil {
		s.releaseKey(c, &store, rec)
		return err
	}
	resp := c.Response()
	status := resp.StatusCode()
	if status >= 500 {
		s.releaseKey(c, &store, rec)
		return nil
	}
	body := append([]byte(nil), resp.Body()...)
	if err := store.Complete(ctx, rec, status, string(resp.Header.ContentType()),
		string(resp.Header.Peek(fiber.HeaderLocation)), body); err != nil {
		// The request did its work: the key stays reserved (a retry gets a
		// 409 until the key expires) rather than freed for a second create.
		s.Log.Warn("storing idempotent answer", "path", c.Path(), "err", err)
	}
	return nil
}

func (s *Server) releaseKey(c *fiber.Ctx, store *idempotency.Store, rec *idempotency.Record) {
	if err := store.Release(c.UserContext(), rec); err != nil {
		s.Log.Warn("releasing idempotency key", "path", c.Path(), "err", err)
	}
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// requestFingerprint is a digest of what makes two requests the same:
// method, path with query, media type and body. A multipart body is read as
// its fields and files (names, values, file names and contents, in sorted
// order), since clients pick a new boundary on every send.
func requestFingerprint(c *fiber.Ctx) (string, error) {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	field(c.Method())
	field(string(c.Request().URI().RequestURI()))
	media, _, _ := mime.ParseMediaType(string(c.Request().Header.ContentType()))
	field(media)
	if media != fiber.MIMEMultipartForm {
		field(string(c.Body()))
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	form, err := c.MultipartForm()
	if err != nil {
		return "", apperror.InvalidField("body", "Formulir tidak dapat dibaca.")
	}
	names := make([]string, 0, len(form.Value))
	for k := range form.Value {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		field("v")
		field(k)
		for _, v := range form.Value[k] {
			field(v)
		}
	}
	names = names[:0]
	for k := range form.File {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		field("f")
		field(k)
		for _, fh := range form.File[k] {
			field(fh.Filename)
			f, err := fh.Open()
			if err != nil {
				return "", apperror.InvalidField(k, "Berkas tidak dapat dibaca.")
			}
			fd := sha256.New()
			_, err = io.Copy(fd, f)
			f.Close()
			if err != nil {
				return "", apperror.InvalidField(k, "Berkas tidak dapat dibaca.")
			}
			field(hex.EncodeToString(fd.Sum(nil)))
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
