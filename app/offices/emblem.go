package offices

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"image"
	"image/draw"
	"image/png"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
)

// EmblemLimit is the largest emblem accepted, in bytes.
const EmblemLimit = 1 << 20

// siteFile is a file an admin uploads once for the whole installation.
type siteFile struct {
	bun.BaseModel `bun:"table:site_files"`

	Name        string    `bun:"name,pk"`
	ContentType string    `bun:"content_type,notnull"`
	Content     []byte    `bun:"content,notnull"`
	UpdatedBy   *int64    `bun:"updated_by"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`
}

const emblemName = "emblem"

// Emblem returns the ministry emblem every letterhead prints (nil when the
// admin has not uploaded one yet).
func Emblem(ctx context.Context, db bun.IDB) ([]byte, error) {
	f := new(siteFile)
	err := db.NewSelect().Model(f).Where("name = ?", emblemName).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return f.Content, nil
}

// SetEmblem stores the emblem; admins only. It must be a PNG, as read from
// its content (never its name), of at most EmblemLimit bytes and 2000 pixels
// a side.
func SetEmblem(ctx context.Context, db bun.IDB, p access.Principal, content []byte, now time.Time) error {
	if !p.IsAdmin() {
		return apperror.Forbidden("Hanya admin Kanwil yang dapat mengunggah lambang kop surat.")
	}
	switch {
	case len(content) == 0:
		return apperror.InvalidField("file", "Pilih berkas PNG lambang Kementerian Agama.")
	case len(content) > EmblemLimit:
		return &apperror.Error{Status: 413, Message: "Berkas terlalu besar.",
			Fields: map[string]string{"file": "Ukuran lambang paling besar 1 MB."}}
	case http.DetectContentType(content) != "image/png":
		return &apperror.Error{Status: 415, Message: "Lambang harus berkas PNG.",
			Fields: map[string]string{"file": "Lambang harus PNG (diperiksa dari isinya, bukan dari namanya)."}}
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(content))
	if err != nil || cfg.Width < 1 || cfg.Height < 1 || cfg.Width > 2000 || cfg.Height > 2000 {
		return apperror.InvalidField("file", "Berkas PNG rusak atau ukurannya di luar 1–2000 piksel per sisi.")
	}
	// Stored re-encoded as 8-bit, non-interlaced RGBA: what the PDF writer reads.
	img, err := png.Decode(bytes.NewReader(content))
	if err != nil {
		return apperror.InvalidField("file", "Berkas PNG rusak.")
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return err
	}
	f := &siteFile{Name: emblemName, ContentType: "image/png", Content: buf.Bytes(), UpdatedBy: &p.UserID, UpdatedAt: now}
	_, err = db.NewInsert().Model(f).On("CONFLICT (name) DO UPDATE").
		Set("content = EXCLUDED.content").Set("content_type = EXCLUDED.content_type").
		Set("updated_by = EXCLUDED.updated_by").Set("updated_at = EXCLUDED.updated_at").Exec(ctx)
	return err
}
