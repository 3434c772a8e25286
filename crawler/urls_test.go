package crawler

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func TestResolveRef(t *testing.T) {
	base, _ := url.Parse("https://Shop.Example/help/faq?x=1")
	tests := []struct {
		ref, want string // want "" for nothing to fetch
	}{
		{"returns", "https://shop.example/help/returns"},
		{"../returns", "https://shop.example/returns"},
		{"/a/./b/../c", "https://shop.example/a/c"},
		{"/a/%2e%2e/c", "https://shop.example/c"},
		{"/a/.%2E/c", "https://shop.example/c"},
		{`\returns`, "https://shop.example/returns"},
		{`\\evil.example\x`, "https://evil.example/x"},
		{"  /padded  ", "https://shop.example/padded"},
		{"/p#frag", "https://shop.example/p"},
		{"/q?", "https://shop.example/q"},
		{"HTTPS://WWW.Shop.Example:443/x", "https://www.shop.example/x"},
		{"http://shop.example.:80/x", "http://shop.example/x"},
		{"http://user:pw@shop.example/x", "http://shop.example/x"},
		{"/caf\u00e9 menu", "https://shop.example/caf%C3%A9%20menu"},
		{"/100%", "https://shop.example/100%25"},
		{"//cdn.example/a", "https://cdn.example/a"},
		{"javascript:alert(1)", ""},
		{"mailto:help@shop.example", ""},
		{"ftp://shop.example/x", ""},
		{"/" + strings.Repeat("a", maxURLLen), ""},
	}
	for _, tt := range tests {
		got := ""
		if u := resolveRef(base, tt.ref); u != nil {
			got = u.String()
		}
		if got != tt.want {
			t.Errorf("resolveRef(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

// TestNormalizeIsWhatCollySends: a normalised URL goes through colly's
// parser (and net/http's) unchanged, so robots.txt is checked against the
// request actually made.
func TestNormalizeIsWhatCollySends(t *testing.T) {
	base, _ := url.Parse("http://shop.example/a/b")
	for _, ref := range []string{
		"/x y", "/é?q=é", "/a/%2e%2e/b", "/%7Euser", "/p?a=1&b=%zz", "/100%", "/[x]", "/a|b", "/a^b`c{d}",
		"/%2F", `\x`, "/x?y#z", "http://xn--caf-dma.example/", "http://café.example/", "http://[::1]:8080/x",
		"http://shop.example./x", "/a;b=c", "/'quote'", `/"dq"`, "/<tag>",
	} {
		n := resolveRef(base, ref)
		if n == nil {
			continue
		}
		w, err := urlParser.Parse(n.String())
		if err != nil {
			t.Errorf("%q: colly cannot parse %q: %v", ref, n, err)
			continue
		}
		sent, err := url.Parse(w.Href(false))
		if err != nil {
			t.Errorf("%q: %v", ref, err)
			continue
		}
		if sent.String() != n.String() || sent.RequestURI() != n.RequestURI() {
			t.Errorf("%q: normalised %q, colly sends %q (%q)", ref, n, sent, sent.RequestURI())
		}
		if again := normalize(n); again == nil || again.String() != n.String() {
			t.Errorf("%q: normalize not idempotent: %q then %v", ref, n, again)
		}
	}
}

func TestSameSite(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://acme.example/", "https://www.acme.example/en/", true},
		{"https://www.acme.example/", "https://shop.acme.example/", true},
		{"https://acme.co.uk/", "https://www.acme.co.uk/", true},
		{"https://acme.co.uk/", "https://other.co.uk/", false},
		{"https://acme.example/", "https://acme-uk.example/", false},
		{"https://alice.github.io/", "https://bob.github.io/", false},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/x", true},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:9090/", false},
		{"http://127.0.0.1/", "http://169.254.169.254/", false},
		{"http://localhost:1/", "http://localhost:2/", false},
		{"http://[::1]:1/", "http://[::1]:1/", true},
	}
	for _, tt := range tests {
		a, _ := url.Parse(tt.a)
		b, _ := url.Parse(tt.b)
		if got := sameSite(a, b); got != tt.want {
			t.Errorf("sameSite(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCutParts(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		limit   int
		want    string
		wantCut bool
	}{
		{name: "fits", body: strings.Repeat("<p>", 10), limit: 31, want: strings.Repeat("<p>", 10)},
		{name: "cut at an element", body: strings.Repeat("<p>", 30), limit: 31, want: strings.Repeat("<p>", 10), wantCut: true},
		{name: "attributes count", body: `<a href="x" class="y">t</a>` + strings.Repeat("<b>", 30), limit: 31,
			want: `<a href="x" class="y">t</a>` + strings.Repeat("<b>", 5), wantCut: true},
		{name: "a tag of too many attributes is left out whole", body: "<i>x</i><div a b c d e f g h i j k l m n o p q r s t>", limit: 20,
			want: "<i>x</i>", wantCut: true},
		{name: "long prose is cut where the limit is reached", body: "<p>" + strings.Repeat("word ", 20), limit: 14,
			want: "<p>" + strings.Repeat("word ", 10) + "word", wantCut: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, cut := cutParts([]byte(tt.body), tt.limit)
			if string(got) != tt.want || cut != tt.wantCut {
				t.Errorf("cutParts = %q, %v; want %q, %v", got, cut, tt.want, tt.wantCut)
			}
		})
	}
}

// treeParts counts a parsed document's nodes and attributes.
func treeParts(n *html.Node) int {
	c := 1 + len(n.Attr)
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c += treeParts(k)
	}
	return c
}

// TestCutPartsIsAnUpperBound: the parts cutParts counts are never fewer
// than the parser makes, whatever state the tokenizer is in: tricks that
// hide tags in raw text, comments or quotes from a scanner that follows
// the tokenizer do not hide them from the count.
func TestCutPartsIsAnUpperBound(t *testing.T) {
	var clones strings.Builder
	for i := range 300 {
		fmt.Fprintf(&clones, "<b a%d>", i)
	}
	bodies := map[string]string{
		"plain":                `<!doctype html><html><head><title>t</title></head><body><a href="x" class='y'>t</a></body></html>`,
		"style in svg":         "<svg><style>" + strings.Repeat("<p>", 3000),
		"script swallowing":    `<script>"<!--"</script>` + strings.Repeat("<p>", 3000),
		"comment with quote":   `<!-- a=' -->` + strings.Repeat("<p>", 3000),
		"quote in a name":      `<div a"="x>" ` + strings.Repeat("c ", 3000) + ">",
		"no space after quote": `<a b="1"c="2"d='3'e=4>` + strings.Repeat(`<i x="1"y="2">`, 1000),
		"slashes":              strings.Repeat("<a/b/c/d>", 1000),
		"implied elements":     strings.Repeat("<table><td>x</table>", 1000),
		"formatting clones":    clones.String() + strings.Repeat("<p>x", 2000),
		"plaintext":            "<plaintext>" + strings.Repeat("<p>", 1000),
		"random":               randomHTML(20000),
	}
	for name, body := range bodies {
		doc, err := html.Parse(strings.NewReader(body))
		if err != nil {
			continue // too deep: nothing to count
		}
		_, bound, _ := cutParts([]byte(body), math.MaxInt)
		if parsed := treeParts(doc); bound < parsed {
			t.Errorf("%s: counted %d parts, the parser made %d", name, bound, parsed)
		}
	}
}

// randomHTML is deterministic soup of tag and attribute characters.
func randomHTML(n int) string {
	const alphabet = "<<>>/ =\"'ab\ndiv!-p"
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = alphabet[x>>24%uint32(len(alphabet))]
	}
	return string(b)
}

func TestInflateForms(t *testing.T) {
	const text = "<p>Returns within 30 days.</p>"
	var z, raw bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(text))
	zw.Close()
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	fw.Write([]byte(text))
	fw.Close()
	tests := []struct {
		name     string
		encoding string
		ctype    string
		path     string
		body     []byte
		want     string
		wantErr  string
	}{
		{name: "deflate (zlib)", encoding: "deflate", body: z.Bytes(), want: text},
		{name: "deflate (raw)", encoding: "deflate", body: raw.Bytes(), want: text},
		{name: "identity", encoding: "identity", body: []byte(text), want: text},
		{name: "empty gzip body", encoding: "gzip", body: nil, want: ""},
		{name: "unsupported coding", encoding: "br", body: []byte("x"), wantErr: `unsupported Content-Encoding "br"`},
		{name: "not gzip after all", encoding: "gzip", body: []byte("plain text, not gzip"), wantErr: "decoding gzip body: gzip: invalid header"},
		{name: ".gz file that is plain text", ctype: "application/octet-stream", path: "/sitemap.xml.gz", body: []byte(text), want: text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &inflateTransport{base: roundTripFunc(func(req *http.Request) (*http.Response, error) {
				if got := req.Header.Get("Accept-Encoding"); got != "gzip" {
					t.Errorf("Accept-Encoding = %q, want gzip", got)
				}
				h := http.Header{"Content-Type": {tt.ctype}}
				if tt.encoding != "" {
					h.Set("Content-Encoding", tt.encoding)
				}
				return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(bytes.NewReader(tt.body)), Request: req}, nil
			})}
			p := tt.path
			if p == "" {
				p = "/"
			}
			req, _ := http.NewRequest(http.MethodGet, "http://shop.example"+p, nil)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff([]string{tt.want, tt.wantErr}, []string{string(got), gotErr}); diff != "" {
				t.Errorf("body, error (-want +got):\n%s", diff)
			}
			if resp.Header.Get("Content-Encoding") != "" && tt.encoding != "identity" {
				t.Errorf("Content-Encoding left: %q", resp.Header.Get("Content-Encoding"))
			}
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
