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
	"strconv"
	"time"
)

// Notifier delivers payloads to webhooks.
type Notifier struct {
	// Client sends the requests; nil means a client with Timeout.
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
	client := n.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	backoff := n.Backoff
	if backoff <= 0 {
		backoff = time.Second
	}
	log := n.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for attempt := 0; ; attempt++ {
		wait, err := n.once(ctx, client, timeout, url, body)
		if err == nil {
			log.Info("alert delivered", "webhook", redact(url))
			return nil
		}
		if wait < 0 || attempt >= n.Retries || ctx.Err() != nil {
			log.Error("alert not delivered", "webhook", redact(url), "attempts", attempt+1, "error", err)
			return fmt.Errorf("delivering alert to %s: %w", redact(url), err)
		}
		if wait == 0 {
			wait = backoff << attempt
		}
		log.Warn("alert delivery failed; retrying", "webhook", redact(url), "attempt", attempt+1, "wait", wait, "error", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			log.Error("alert not delivered", "webhook", redact(url), "attempts", attempt+1, "error", ctx.Err())
			return fmt.Errorf("delivering alert to %s: %w", redact(url), ctx.Err())
		case <-t.C:
		}
	}
}

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
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return 0, nil
	}
	err = fmt.Errorf("HTTP %d %s", resp.StatusCode, bytes.TrimSpace(msg))
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
		return -1, err
	}
	if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s > 0 && time.Duration(s)*time.Second <= maxRetryAfter {
		return time.Duration(s) * time.Second, err
	}
	return 0, err
}

// redact keeps a webhook's scheme and host only: its path is a secret.
func redact(u string) string {
	for i := 0; i+2 < len(u); i++ {
		if u[i:i+3] == "://" {
			rest := u[i+3:]
			for j := 0; j < len(rest); j++ {
				if rest[j] == '/' {
					return u[:i+3+j] + "/…"
				}
			}
			return u
		}
	}
	return "(webhook)"
}
