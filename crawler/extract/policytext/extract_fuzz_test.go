package policytext

import (
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func readPolicy(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/policy.txt")
	if err != nil {
		tb.Fatalf("reading testdata: %v", err)
	}
	return string(b)
}

// checkFindings asserts the invariants every Extract result must satisfy.
func checkFindings(t *testing.T, fs []Candidate) {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.Signal] {
			t.Fatalf("two findings for %s: %+v", f.Signal, fs)
		}
		seen[f.Signal] = true
		spec, ok := signal.Lookup(f.Signal)
		if !ok {
			t.Fatalf("unknown signal %q", f.Signal)
		}
		if f.Value.Type() != spec.Type {
			t.Fatalf("%s: value type %q, catalog says %q", f.Signal, f.Value.Type(), spec.Type)
		}
		if n, ok := f.Value.Float(); ok && (math.IsNaN(n) || math.IsInf(n, 0) || n < 0) {
			t.Fatalf("%s: bad number %v", f.Signal, n)
		}
		if b, ok := f.Value.BoolValue(); ok && b == f.Negative {
			t.Fatalf("%s: value %v with Negative=%v", f.Signal, b, f.Negative)
		}
		if !utf8.ValidString(f.Snippet) || utf8.RuneCountInString(f.Snippet) > signal.MaxSnippet || f.Snippet == "" {
			t.Fatalf("%s: bad snippet %q", f.Signal, f.Snippet)
		}
	}
	if seen[signal.RatingCount] && !seen[signal.RatingValue] {
		t.Fatalf("rating.count without rating.value")
	}
	if seen[signal.PolicyFreeShippingThreshold] && !seen[signal.PolicyFreeShipping] {
		t.Fatalf("threshold without free shipping")
	}
}

// TestExtractAtMostOnePerSignal feeds pages full of conflicting statements
// and checks that each signal is reported at most once.
func TestExtractAtMostOnePerSignal(t *testing.T) {
	policy := readPolicy(t)
	conflicting := strings.Join([]string{
		"Returns within 14 days. Returns within 30 days. 60-day returns. We do not accept returns.",
		"Free returns. Return shipping is paid by the customer. Free returns on all orders.",
		"Free shipping on orders over $50. Free shipping on orders over $25. We do not offer free shipping. Free shipping on all orders.",
		"1-year warranty. 2-year warranty. Lifetime warranty.",
		"We reply within 24 hours. We reply within 2 hours. We respond within 1 business day.",
		"We price match. We do not price match. Price match guarantee.",
		"Earn points. Join our rewards club. VIP members save.",
		"Rated 4.8 out of 5 by 100 customers. 4.2/5 from 2,000 reviews. 3.9 stars (12 reviews).",
	}, "\n")
	for _, kind := range signal.PageKinds {
		for _, text := range []string{policy, conflicting, policy + "\n" + conflicting} {
			checkFindings(t, extractText(text, kind))
		}
	}
	// And the conflicting page settles every signal (no threshold: the
	// explicit "we do not offer free shipping" wins).
	got := summary(t, extractText(conflicting, signal.KindOther))
	want := map[string]string{rd: "60", fr: "false!", fs: "false!", wm: "1200", sh: "2", pm: "false!", lp: "true", rv: "4.2", rc: "2000"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conflicting page (-want +got):\n%s", diff)
	}
}

func TestExtractPolicyFixture(t *testing.T) {
	got := summary(t, extractText(readPolicy(t), signal.KindReturns))
	want := map[string]string{
		rd: "30", fr: "true", fs: "true", fst: "75", wm: "24", sh: "0.08",
		pm: "true", lp: "true", rv: "4.8", rc: "3214",
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("Free standard shipping on orders over $50.", signal.KindShipping)
	f.Add("You may return items within thirty (30) days of delivery.", signal.KindReturns)
	f.Add("Rated 4.8 out of 5 by 3,210 customers", signal.KindHome)
	f.Add("We reply within 24-48 hours.\nWarranty\n2 years", signal.KindContact)
	f.Add("e.g. 1.234,50 € ½ hour twenty-one a fortnight 9.2/10 £40+", signal.KindOther)
	f.Add(strings.Repeat("return within 30 days ", 200), signal.KindReturns)
	f.Add(readPolicy(f), signal.KindReturns)
	f.Add("\xff\xfe free \u00a0shipping \u2013 $5\n\n\n", signal.KindOther)
	f.Fuzz(func(t *testing.T, text, kind string) {
		checkFindings(t, extractText(text, kind))
	})
}

func FuzzReadingEase(f *testing.F) {
	f.Add("The cat sat on the mat.")
	f.Add("Notwithstanding the aforementioned stipulations, indemnification obligations survive termination.")
	f.Add("")
	f.Add("\xff\n\n...!!!???")
	f.Add(readPolicy(f))
	f.Fuzz(func(t *testing.T, text string) {
		got := ReadingEase(text)
		if math.IsNaN(got) || got < 0 || got > 100 {
			t.Fatalf("ReadingEase = %v", got)
		}
	})
}

// TestExtractHugeInput checks that a 10 MB page is handled (the work is
// bounded by maxTextBytes and maxSentences); its speed is measured by
// BenchmarkExtractHuge.
func TestExtractHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	huge := strings.Repeat("return within 30 days free shipping over $50 ", 10<<20/46)
	checkFindings(t, extractText(huge, signal.KindReturns))
	noBreaks := strings.Repeat("a", 10<<20)
	checkFindings(t, extractText(noBreaks, signal.KindOther))
}

func BenchmarkExtract(b *testing.B) {
	policy := readPolicy(b)
	var sb strings.Builder
	for sb.Len() < 200<<10 {
		sb.WriteString(policy)
		sb.WriteByte('\n')
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		extractText(text, signal.KindReturns)
	}
	b.ReportMetric(float64(len(text))*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}

func BenchmarkExtractHuge(b *testing.B) {
	text := strings.Repeat("Return within 30 days. Free shipping over $50. ", 10<<20/48)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		extractText(text, signal.KindReturns)
	}
}

func BenchmarkReadingEase(b *testing.B) {
	policy := readPolicy(b)
	text := strings.Repeat(policy+"\n", 200<<10/len(policy)+1)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ReadingEase(text)
	}
}
