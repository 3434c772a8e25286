package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

type comp struct {
	id      string
	self    bool
	overall float64
	rank    int
	days    float64
}

func snapshot(id string, cs ...comp) history.Snapshot {
	s := history.Snapshot{ID: id, Signals: &signal.File{}, Scorecard: &scoring.Scorecard{}}
	for _, c := range cs {
		s.Signals.Competitors = append(s.Signals.Competitors, signal.Competitor{ID: c.id,
			Signals: map[string]signal.Signal{signal.PolicyReturnDays: {Value: signal.Number(c.days)}}})
		s.Scorecard.Competitors = append(s.Scorecard.Competitors, scoring.Competitor{ID: c.id, Name: strings.ToUpper(c.id[:1]) + c.id[1:],
			Self: c.self, Overall: c.overall, Rank: c.rank})
	}
	return s
}

func TestEvaluate(t *testing.T) {
	fl := func(x float64) *float64 { return &x }
	conds := []config.AlertCondition{
		{RankDrop: &config.RankDrop{}},
		{ScoreMove: &config.ScoreMove{By: 10}},
		{Signal: &config.SignalAlert{Name: signal.PolicyReturnDays, When: config.WhenBeatsSelf}},
		{Signal: &config.SignalAlert{Name: signal.PolicyReturnDays, Below: fl(20)}},
	}
	tests := []struct {
		name      string
		old, cur  history.Snapshot
		wantAlert []string
	}{
		{"nothing changed",
			snapshot("a", comp{"acme", true, 70, 1, 30}, comp{"rival", false, 60, 2, 20}),
			snapshot("b", comp{"acme", true, 70, 1, 30}, comp{"rival", false, 60, 2, 20}), nil},
		{"scores moved without a signal change is noise",
			snapshot("a", comp{"acme", true, 70, 1, 30}, comp{"rival", false, 60, 2, 20}),
			snapshot("b", comp{"acme", true, 50, 2, 30}, comp{"rival", false, 60, 1, 20}), nil},
		{"rival overtakes on returns",
			snapshot("a", comp{"acme", true, 70, 1, 30}, comp{"rival", false, 60, 2, 20}),
			snapshot("b", comp{"acme", true, 70, 1, 30}, comp{"rival", false, 62, 2, 45}),
			[]string{"Rival's policy.return_days (45) now beats Acme's (30)"}},
		{"self shortens returns and drops",
			snapshot("a", comp{"acme", true, 70, 1, 30}, comp{"rival", false, 60, 2, 20}),
			snapshot("b", comp{"acme", true, 55, 2, 14}, comp{"rival", false, 60, 1, 20}),
			[]string{"Acme's overall rank dropped from 1 to 2", "Acme's overall score moved 70.0 → 55.0 (-15.0 points)",
				"Rival's policy.return_days (20) now beats Acme's (14)", "Acme's policy.return_days fell below 20: 30 → 14"}},
		{"already below is not news again",
			snapshot("a", comp{"acme", true, 55, 2, 14}, comp{"rival", false, 60, 1, 20}),
			snapshot("b", comp{"acme", true, 54, 2, 10}, comp{"rival", false, 60, 1, 20}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := history.Compare(tt.old, tt.cur, history.Tolerances{})
			var got []string
			for _, a := range Evaluate(conds, d, tt.old, tt.cur) {
				got = append(got, a.Message)
			}
			if diff := cmp.Diff(tt.wantAlert, got); diff != "" {
				t.Errorf("alerts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSendRetries(t *testing.T) {
	tests := []struct {
		name      string
		failures  int32 // 503s before a 200
		status    int   // the failure status
		retries   int
		wantCalls int32
		wantErr   string
	}{
		{"first try", 0, 503, 3, 1, ""},
		{"two 503s then ok", 2, 503, 3, 3, ""},
		{"retries exhausted", 10, 503, 2, 3, "HTTP 503"},
		{"client error is not retried", 10, 400, 3, 1, "HTTP 400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			var last atomic.Value
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := calls.Add(1)
				var p Payload
				json.NewDecoder(r.Body).Decode(&p)
				last.Store(p.Text)
				if n <= tt.failures {
					http.Error(w, "down", tt.status)
					return
				}
			}))
			defer srv.Close()
			var logs bytes.Buffer
			n := &Notifier{Retries: tt.retries, Backoff: time.Millisecond, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			err := n.Send(context.Background(), []string{srv.URL + "/services/SECRET"}, Payload{Text: "hello"})
			if calls.Load() != tt.wantCalls {
				t.Errorf("%d calls, want %d", calls.Load(), tt.wantCalls)
			}
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
			if strings.Contains(logs.String()+errString(err), "SECRET") {
				t.Errorf("the webhook's secret path was logged:\n%s", logs.String())
			}
			if last.Load() != "hello" {
				t.Errorf("payload text %v", last.Load())
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestWebhookSecretsAndRedirects delivers to loopback webhooks that fail
// in every way that tends to leak a URL or the payload: the secret path
// must appear in no log line and no error, and a redirect must not carry
// the payload anywhere.
func TestWebhookSecretsAndRedirects(t *testing.T) {
	var stolen atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
	}))
	defer elsewhere.Close()
	redirect := func(code int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.URL+"/collect", code)
		}
	}
	tests := []struct {
		name      string
		handler   http.HandlerFunc
		client    *http.Client // the notifier's own client when nil
		wantCalls int32
		wantErr   string
	}{
		{"307 is not followed", redirect(http.StatusTemporaryRedirect), nil, 1, "HTTP 307: the webhook redirects elsewhere"},
		{"308 is not followed", redirect(http.StatusPermanentRedirect), nil, 1, "HTTP 308: the webhook redirects elsewhere"},
		{"302 is not followed", redirect(http.StatusFound), nil, 1, "HTTP 302: the webhook redirects elsewhere"},
		{"not followed with a given client either", redirect(http.StatusTemporaryRedirect), &http.Client{Transport: http.DefaultTransport}, 1, "HTTP 307"},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body) // then the server notices the client hanging up
			<-r.Context().Done()
		}, nil, 2, "context deadline exceeded"},
		{"server echoes the path", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "no such hook: "+r.URL.Path, http.StatusNotFound)
		}, nil, 1, "HTTP 404 no such hook: /…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				tt.handler(w, r)
			}))
			defer srv.Close()
			stolen.Store(0)
			var logs bytes.Buffer
			n := &Notifier{Client: tt.client, Timeout: 100 * time.Millisecond, Retries: 1, Backoff: time.Millisecond,
				Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
			err := n.Send(context.Background(), []string{srv.URL + "/services/T000/SECRET"}, Payload{Text: "hello"})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "delivering alert to "+srv.URL+"/…") {
				t.Errorf("error %v does not name the webhook by its host", err)
			}
			if strings.Contains(logs.String()+errString(err), "SECRET") {
				t.Errorf("the secret path leaked:\nerror: %v\nlogs:\n%s", err, logs.String())
			}
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("%d attempts, want %d", got, tt.wantCalls)
			}
			if stolen.Load() != 0 {
				t.Errorf("the payload was posted to the redirect target")
			}
		})
	}
}

func TestUnreachableWebhookIsRedacted(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/hooks/SECRET-TOKEN"
	srv.Close() // connection refused from now on
	var logs bytes.Buffer
	n := &Notifier{Timeout: time.Second, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	for _, u := range []string{url, "https://hooks.example/SECRET-TOKEN/\x7f"} { // refused; malformed
		err := n.Send(context.Background(), []string{u}, Payload{Text: "hello"})
		if err == nil || strings.Contains(err.Error()+logs.String(), "SECRET") {
			t.Errorf("Send(%q) = %v; logs:\n%s", u, err, logs.String())
		}
	}
}

// TestAlertTextIsPrintable: names and values reach chat without control
// characters or escape sequences.
func TestAlertTextIsPrintable(t *testing.T) {
	old := snapshot("a", comp{"acme", true, 70, 1, 30}, comp{"rival", false, 60, 2, 20})
	cur := snapshot("b", comp{"acme", true, 55, 2, 14}, comp{"rival", false, 60, 1, 20})
	cur.Scorecard.Competitors[0].Name = "Acme\x1b]0;pwned\x07 \u202eShop"
	d := history.Compare(old, cur, history.Tolerances{})
	as := Evaluate([]config.AlertCondition{{RankDrop: &config.RankDrop{}}}, d, old, cur)
	p := NewPayload(as, d, cur.Scorecard, "report.html")
	data, _ := json.Marshal(p)
	var text strings.Builder
	text.WriteString(p.Text)
	for _, a := range p.CXBench.Alerts {
		text.WriteString(a.Message)
	}
	for _, c := range p.CXBench.Changes {
		text.WriteString(c.Name + strings.Join(c.Lines, ""))
	}
	if strings.ContainsAny(text.String(), "\x1b\x07\u202e") || bytes.Contains(data, []byte(`\u001b`)) {
		t.Errorf("payload carries control characters: %q", text.String())
	}
	if want := "Acme Shop's overall rank dropped from 1 to 2"; len(as) != 1 || as[0].Message != want {
		t.Errorf("alerts %+v, want %q", as, want)
	}
}
