// Package demo serves the bundled sample competitor sites on loopback and
// builds the configuration that benchmarks them with the default rubric.
package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"path"
	"sort"
	"strings"

	cxbench "github.com/cxbench/cxbench"
)

//go:embed sites
var sites embed.FS

//go:embed competitors.yaml
var competitors []byte

// Farm is the set of running demo sites.
type Farm struct {
	// URLs maps each site id to its root URL (http://127.0.0.1:PORT/).
	URLs    map[string]string
	servers []*httptest.Server
}

// IDs returns the site ids, sorted.
func IDs() ([]string, error) {
	entries, err := fs.ReadDir(sites, "sites")
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// Serve starts one loopback server per bundled site, each on its own
// random free port.
func Serve() (*Farm, error) {
	ids, err := IDs()
	if err != nil {
		return nil, fmt.Errorf("listing demo sites: %w", err)
	}
	f := &Farm{URLs: map[string]string{}}
	for _, id := range ids {
		sub, err := fs.Sub(sites, "sites/"+id)
		if err != nil {
			f.Close()
			return nil, err
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("serving demo site %s: %w", id, err)
		}
		s := &httptest.Server{Listener: l, Config: &http.Server{Handler: siteHandler(sub)}}
		s.Start()
		f.servers = append(f.servers, s)
		f.URLs[id] = s.URL + "/"
	}
	return f, nil
}

// Close stops every server.
func (f *Farm) Close() {
	for _, s := range f.servers {
		s.Close()
	}
}

// siteHandler serves a site's files like a plain web server: index.html
// for directories, 404 for anything else that is not a file.
func siteHandler(site fs.FS) http.Handler {
	files := http.FileServerFS(site)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" {
			name = "."
		}
		info, err := fs.Stat(site, name)
		if err == nil && info.IsDir() {
			_, err = fs.Stat(site, path.Join(name, "index.html"))
		}
		if err != nil || path.Base(name) == "truth.json" {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// Config returns the demo configuration for the running farm: the bundled
// competitors (with their URLs filled in) and the default rubric of
// benchmarks.yaml.
func (f *Farm) Config() ([]byte, error) {
	conf := string(competitors)
	for id, u := range f.URLs {
		conf = strings.ReplaceAll(conf, "${"+id+"}", u)
	}
	if i := strings.Index(conf, "${"); i >= 0 {
		return nil, fmt.Errorf("demo competitors: no running site for %s", conf[i:min(len(conf), i+20)])
	}
	i := bytes.Index(cxbench.DefaultConfig, []byte("\nrubric:"))
	if i < 0 {
		return nil, errors.New("default configuration has no rubric: section")
	}
	return append([]byte(conf), cxbench.DefaultConfig[i:]...), nil
}

// Truth returns the signal values a correct crawl of site id yields
// (sites/<id>/truth.json; JSON null = absent), for tests.
func Truth(id string) (map[string]any, error) {
	data, err := fs.ReadFile(sites, "sites/"+id+"/truth.json")
	if err != nil {
		return nil, err
	}
	var t struct {
		Signals map[string]any `json:"signals"`
	}
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("demo truth for %s: %w", id, err)
	}
	return t.Signals, nil
}
