package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	neturl "net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// Notifier delivers payloads to webhooks. A webhook URL's path is its
// secret: messages and errors show scheme and host only. Redirects are not
// followed (the payload must not be posted anywhere else than where it was
// configured to go): a webhook answering 3xx counts as failed.
type Notifier struct {
	// Client sends the requests; nil means a client with Timeout. Its
	// CheckRedirect is replaced: redirects are never followed.
	Client *http.Client
	// Timeout per attempt (default 10s).
	Timeout time.Duration
	// Retries after a failed attempt (network error, 429 or 5xx).
	Retries int
	// Backoff is the first wait before a retry, doubled each time
	// (default 1s); a Retry-After of up to a minute is honoured instead.
	Backoff time.Duration
	// Logger receives delivery failures; nil discards them.
	Logger *slog.Logger
	// UserAgent is sent with every request.
	UserAgent string
}

// maxRetryAfter is the longest Retry-After honoured.
const maxRetryAfter = time.Minute

// Send POSTs p to every URL, retrying failures. It returns the deliveries
// that failed for good, joined; the caller logs them and goes on.
func (n *Notifier) Send(ctx context.Context, urls []string, p Payload) error {
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encoding alert: %w", err)
	}
	var errs []error
	for _, u := range urls {
		if err := n.deliver(ctx, u, body); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (n *Notifier) deliver(ctx context.Context, url string, body []byte) error {
	timeout := n.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	client := &http.Client{Timeout: timeout}
	if n.Client != nil {
		c := *n.Client
		client = &c
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	backoff := n.Backoff
	if backoff <= 0 {
		backoff = time.Second
	}
	log := n.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	hook := config.RedactURL(url)
	for attempt := 0; ; attempt++ {
		wait, err := n.once(ctx, client, timeout, url, body)
		if err == nil {
			log.Info("alert delivered", "webhook", hook)
			return nil
		}
		err = redactError(err, url)
		if wait < 0 || attempt >= n.Retries || ctx.Err() != nil {
			log.Error("alert not delivered", "webhook", hook, "attempts", attempt+1, "error", err)
			return fmt.Errorf("delivering alert to %s: %w", hook, err)
		}
		if wait == 0 {
			wait = backoff << attempt
		}
		log.Warn("alert delivery failed; retrying", "webhook", hook, "attempt", attempt+1, "wait", wait, "error", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			log.Error("alert not delivered", "webhook", hook, "attempts", attempt+1, "error", ctx.Err())
			return fmt.Errorf("delivering alert to %s: %w", hook, ctx.Err())
		case <-t.C:
		}
	}
}

// redactError hides the webhook URL in err: net/http's *url.Error (a
// timeout, a refused connection, a malformed URL) names the full URL.
func redactError(err error, rawURL string) error {
	var ue *neturl.Error
	if errors.As(err, &ue) {
		ue.URL = config.RedactURL(ue.URL)
	}
	msg := err.Error()
	for _, form := range []string{rawURL, strconv.Quote(rawURL), neturl.QueryEscape(rawURL)} {
		msg = strings.ReplaceAll(msg, form, config.RedactURL(rawURL))
	}
	if u, perr := neturl.Parse(rawURL); perr == nil && len(u.EscapedPath()) > 4 { // a server echoing the secret path
		msg = strings.ReplaceAll(msg, u.EscapedPath(), "/…")
	}
	return &redactedError{msg: msg, err: err}
}

// redactedError is an error whose message no longer names a secret URL;
// errors.Is and errors.As still see the error underneath.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// once makes one attempt. wait < 0 means do not retry; wait > 0 is the
// server's Retry-After.
func (n *Notifier) once(ctx context.Context, client *http.Client, timeout time.Duration, url string, body []byte) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return -1, err
	}
	req.Header.Set("Content-Type", "application/json")
	if n.UserAgent != "" {
		req.Header.Set("User-Agent", n.UserAgent)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return 0, nil
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return -1, fmt.Errorf("HTTP %d: the webhook redirects elsewhere, and the alert is not sent on (check the webhook URL)", resp.StatusCode)
	}
	err = fmt.Errorf("HTTP %d %s", resp.StatusCode, signal.Printable(string(bytes.TrimSpace(msg))))
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
		return -1, err
	}
	if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s > 0 && time.Duration(s)*time.Second <= maxRetryAfter {
		return time.Duration(s) * time.Second, err
	}
	return 0, err
}
