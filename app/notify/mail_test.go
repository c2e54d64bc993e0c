package notify

import (
	"strings"
	"testing"
	"time"
)

func TestSMTPURLNamesServerSenderAndTLS(t *testing.T) {
	cases := []struct {
		url, addr, from, user string
		tls                   bool
	}{
		{"smtp://mail.kemenag.test", "mail.kemenag.test:587", "usulan@mail.kemenag.test", "", false},
		{"smtps://u%40x:rahasia@mail.kemenag.test?from=usulan@kemenag.go.id", "mail.kemenag.test:465", "usulan@kemenag.go.id", "u@x", true},
		{"smtp://127.0.0.1:2525?from=a@b.test", "127.0.0.1:2525", "a@b.test", "", false},
	}
	for _, c := range cases {
		s, err := ParseSMTPURL(c.url)
		if err != nil || s.Addr != c.addr || s.From != c.from || s.Username != c.user || s.TLS != c.tls {
			t.Errorf("%s: %+v %v", c.url, s, err)
		}
	}
	if s, err := ParseSMTPURL(""); s != nil || err != nil {
		t.Errorf("empty URL: %v %v, want e-mail off", s, err)
	}
	for _, bad := range []string{"http://x", "smtp://", "::"} {
		if _, err := ParseSMTPURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestComposedMailKeepsIndonesianTextIntact(t *testing.T) {
	m := string(Compose("usulan@kemenag.test", Message{To: []string{"a@b.test"},
		Subject: "Kembalikan untuk perbaikan: Siti Nur\u2019aini", Body: "Alasan: ijazah buram\nBaris dua"}, time.Unix(0, 0)))
	for _, want := range []string{"Subject: =?utf-8?q?", "Content-Type: text/plain; charset=utf-8", "Alasan: ijazah buram\r\nBaris dua"} {
		if !strings.Contains(m, want) {
			t.Errorf("message lacks %q:\n%s", want, m)
		}
	}
	if strings.Contains(m, "\u2019") {
		t.Error("a non-ASCII character went into the headers unencoded")
	}
}
