package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// Message is one e-mail.
type Message struct {
	To      []string
	Subject string
	Body    string    // plain text, UTF-8
	Date    time.Time // the Date header: when the event it tells of happened
	// MessageID is the left part of the Message-ID header ("" for a random
	// one); the outbox gives the same one to every attempt of a message.
	MessageID string
}

// Mailer sends e-mail.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through one SMTP server, configured by a URL:
//
//	smtp://[user:password@]host[:port][?from=usulan@example.go.id]   (STARTTLS when offered; port 587)
//	smtps://[user:password@]host[:port][?from=…]                     (TLS from the start; port 465)
//
// "insecure=1" in the query skips certificate checks (test servers only).
type SMTP struct {
	Addr     string // host:port
	Host     string
	Username string
	Password string
	From     string
	TLS      bool // implicit TLS (smtps)
	Insecure bool
	Timeout  time.Duration
}

// ParseSMTPURL reads SMTP_URL; an empty URL gives a nil Mailer (e-mail off).
func ParseSMTPURL(raw string) (*SMTP, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("SMTP_URL: %w", err)
	}
	s := &SMTP{Host: u.Hostname(), Timeout: 15 * time.Second}
	port := u.Port()
	switch u.Scheme {
	case "smtp":
		if port == "" {
			port = "587"
		}
	case "smtps":
		s.TLS = true
		if port == "" {
			port = "465"
		}
	default:
		return nil, fmt.Errorf("SMTP_URL: skema harus smtp atau smtps, bukan %q", u.Scheme)
	}
	if s.Host == "" {
		return nil, fmt.Errorf("SMTP_URL: host kosong")
	}
	s.Addr = net.JoinHostPort(s.Host, port)
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	q := u.Query()
	s.From = q.Get("from")
	if s.From == "" {
		s.From = "usulan@" + s.Host
	}
	s.Insecure = q.Get("insecure") == "1"
	return s, nil
}

// Send delivers m to every recipient in one SMTP session.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if len(m.To) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	d := net.Dialer{}
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	tlsCfg := &tls.Config{ServerName: s.Host, InsecureSkipVerify: s.Insecure} //nolint:gosec // opt-in for test servers
	if s.TLS {
		conn = tls.Client(conn, tlsCfg)
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if !s.TLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsCfg); err != nil {
				return err
			}
		}
	}
	if s.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, s.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.From); err != nil {
		return err
	}
	for _, to := range m.To {
		if err := c.Rcpt(to); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(Compose(s.From, m, m.Date)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// Compose builds the RFC 5322 message: UTF-8 text, quoted-printable, the
// subject encoded for non-ASCII characters.
func Compose(from string, m Message, now time.Time) []byte {
	var b bytes.Buffer
	id := m.MessageID
	if id == "" {
		r := make([]byte, 12)
		_, _ = rand.Read(r)
		id = hex.EncodeToString(r)
	}
	host := from[strings.LastIndex(from, "@")+1:]
	fmt.Fprintf(&b, "From: %s\r\n", from)
	fmt.Fprintf(&b, "To: %s\r\n", strings.Join(m.To, ", "))
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", now.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", id, host)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	_ = qp.Close()
	b.WriteString("\r\n")
	return b.Bytes()
}

// MailerFunc adapts a function to a Mailer (nil: accepts every message).
type MailerFunc func(ctx context.Context, m Message) error

// Send calls f.
func (f MailerFunc) Send(ctx context.Context, m Message) error {
	if f == nil {
		return nil
	}
	return f(ctx, m)
}
