package crawler

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// inflateTransport asks for gzip and decompresses every compressed form
// itself, as a stream: Content-Encoding gzip, x-gzip and deflate (in any
// stack), and gzip content named by the Content-Type (application/gzip,
// application/x-gzip...) or the URL (sitemap.xml.gz). Whoever reads the
// body therefore limits the inflated bytes, never the compressed ones: a
// 1 MB body that inflates to 1 GiB costs what the reader reads. The
// response is marked Uncompressed so that nothing above (colly) inflates
// it again.
type inflateTransport struct {
	base http.RoundTripper
}

func (t *inflateTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Accept-Encoding") == "" {
		req = req.Clone(req.Context())
		req.Header.Set("Accept-Encoding", "gzip")
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp.Uncompressed {
		return resp, err
	}
	codings, codingErr := contentCodings(resp.Header.Values("Content-Encoding"))
	gzipContent := len(codings) == 0 && codingErr == nil && isGzipContent(resp.Header.Get("Content-Type"), req.URL.Path)
	if len(codings) == 0 && codingErr == nil && !gzipContent {
		return resp, nil
	}
	resp.Body = &inflater{raw: resp.Body, codings: codings, sniffGzip: gzipContent, err: codingErr}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
	return resp, nil
}

// contentCodings returns the codings of Content-Encoding headers, in the
// order they were applied, without identity.
func contentCodings(values []string) ([]string, error) {
	var out []string
	for _, v := range values {
		for c := range strings.SplitSeq(v, ",") {
			switch c = strings.ToLower(strings.TrimSpace(c)); c {
			case "", "identity":
			case "gzip", "x-gzip":
				out = append(out, "gzip")
			case "deflate":
				out = append(out, "deflate")
			default:
				return nil, fmt.Errorf("unsupported Content-Encoding %q", c)
			}
		}
	}
	return out, nil
}

// isGzipContent reports whether a response without Content-Encoding is a
// gzip file by its type or name (inflated only if it starts like one).
func isGzipContent(contentType, path string) bool {
	return strings.Contains(strings.ToLower(contentType), "gzip") || strings.HasSuffix(strings.ToLower(path), ".gz")
}

// inflater decodes a body lazily, on the first Read, so that a response
// nobody reads (not HTML, an error) costs nothing.
type inflater struct {
	raw       io.ReadCloser
	codings   []string
	sniffGzip bool
	err       error // a coding we cannot decode: returned by Read
	r         io.Reader
}

func (f *inflater) Read(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	if f.r == nil {
		if f.r, f.err = f.open(); f.err != nil {
			return 0, f.err
		}
	}
	return f.r.Read(p)
}

func (f *inflater) Close() error { return f.raw.Close() }

// open stacks the decoders: the last coding applied is undone first.
func (f *inflater) open() (io.Reader, error) {
	br := bufio.NewReader(f.raw)
	if _, err := br.Peek(1); errors.Is(err, io.EOF) {
		return br, nil // an empty body is empty in any coding
	}
	var r io.Reader = br
	if f.sniffGzip {
		if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
			return gzip.NewReader(br)
		}
		return br, nil
	}
	for i := len(f.codings) - 1; i >= 0; i-- {
		var err error
		switch f.codings[i] {
		case "gzip":
			r, err = gzip.NewReader(r)
		case "deflate":
			r, err = newDeflateReader(r)
		}
		if err != nil {
			return nil, fmt.Errorf("decoding %s body: %w", f.codings[i], err)
		}
	}
	return r, nil
}

// newDeflateReader reads HTTP "deflate": zlib-wrapped as the standard
// says, or raw deflate as some servers send it.
func newDeflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil {
		return nil, err
	}
	if head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}
