// Package history keeps an archive of benchmark runs: every run's signals,
// scorecard, report and the configuration used, under a sortable run id.
// Writes are atomic (a run appears whole or not at all), one process at a
// time holds the archive's lock, and readers skip anything half-written.
// It also compares runs by meaning (Compare) and applies retention (Prune).
package history

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// ManifestSchema identifies run.json.
const ManifestSchema = "cxbench.run/v1"

// Files of an archived run.
const (
	ManifestFile      = "run.json"
	SignalsFile       = "signals.json"
	ScorecardFile     = "scorecard.json"
	OrigScorecardFile = "scorecard.orig.json"
	ReportFile        = "index.html"
	ConfigFile        = "config.yaml"
	ManualFile        = "manual.json"
	RubricFile        = "rubric.yaml"
	PagesDir          = "pages"
)

// tmpPrefix marks directories being written (or being deleted): readers
// skip them and the next lock holder removes them.
const tmpPrefix = ".tmp-"

// runID matches archived run directories: 20261122T060000Z-1a2b3c4d,
// with -2, -3... when two runs share a second and a hash.
var runID = regexp.MustCompile(`^\d{8}T\d{6}Z-[0-9a-f]{8}(-\d+)?$`)

// IDTime is the time layout of a run id.
const IDTime = "20060102T150405Z"

// Archive is a directory of archived runs.
type Archive struct {
	Dir string
	// beforeRename, when set (tests), runs after a run's files are written
	// and before its directory is renamed into place.
	beforeRename func(tmp string)
}

// Open opens (creating if needed) the archive at dir.
func Open(dir string) (*Archive, error) {
	if dir == "" {
		return nil, errors.New("opening history archive: no directory given")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("opening history archive: %w", err)
	}
	return &Archive{Dir: dir}, nil
}

// Manifest is run.json: what a run was, in a few headline figures.
type Manifest struct {
	Schema     string    `json:"schema"`
	ID         string    `json:"id"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	ConfigHash string    `json:"config_hash,omitempty"`
	RubricHash string    `json:"rubric_hash,omitempty"`
	// Rescored is when the scorecard was last recomputed by rescore.
	Rescored *time.Time `json:"rescored,omitempty"`
	Headline Headline   `json:"headline"`
}

// Headline is the figures `cxbench history` lists.
type Headline struct {
	Competitors int      `json:"competitors"`
	Self        string   `json:"self,omitempty"`
	SelfName    string   `json:"self_name,omitempty"`
	SelfOverall *float64 `json:"self_overall,omitempty"`
	SelfRank    int      `json:"self_rank,omitempty"`
	Leader      string   `json:"leader,omitempty"`
	LeaderName  string   `json:"leader_name,omitempty"`
	LeaderScore float64  `json:"leader_overall"`
}

// HeadlineOf summarises a scorecard. The leader is, as in the report,
// the best-ranked competitor whose data covers enough of the rubric (none
// when nobody's does).
func HeadlineOf(sc *scoring.Scorecard) Headline {
	h := Headline{Competitors: len(sc.Competitors)}
	for _, c := range sc.Competitors { // in rank order
		if h.Leader == "" && !c.LowCoverage {
			h.Leader, h.LeaderName, h.LeaderScore = c.ID, c.Name, c.Overall
		}
		if c.Self {
			o := c.Overall
			h.Self, h.SelfName, h.SelfOverall, h.SelfRank = c.ID, c.Name, &o, c.Rank
		}
	}
	return h
}

// Run is one archived run.
type Run struct {
	ID       string
	Dir      string
	Manifest Manifest
}

// Signals reads the run's signals.json: the crawled signals.
func (r Run) Signals() (*signal.File, error) {
	var f signal.File
	if err := readJSON(filepath.Join(r.Dir, SignalsFile), &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// ManualSchema identifies manual.json.
const ManualSchema = "cxbench.manual/v1"

// manualDoc is manual.json: the manual signals (from the configuration)
// applied to a run's crawled signals when it was scored.
type manualDoc struct {
	Schema      string                              `json:"schema"`
	Competitors map[string]map[string]signal.Signal `json:"competitors"`
}

// Manual reads the manual signals the run was scored with, by competitor
// id and signal name. ok is false for runs archived before manual signals
// were kept apart from signals.json (their signals.json holds them).
func (r Run) Manual() (m map[string]map[string]signal.Signal, ok bool, err error) {
	path := filepath.Join(r.Dir, ManualFile)
	if !exists(path) {
		return nil, false, nil
	}
	var doc manualDoc
	if err := readJSON(path, &doc); err != nil {
		return nil, false, err
	}
	if doc.Schema != ManualSchema {
		return nil, false, fmt.Errorf("reading %s: schema is %q, want %q", path, doc.Schema, ManualSchema)
	}
	return doc.Competitors, true, nil
}

// ScoredSignals reads the signals as the run was scored: the crawled
// signals with its manual signals on top.
func (r Run) ScoredSignals() (*signal.File, error) {
	f, err := r.Signals()
	if err != nil {
		return nil, err
	}
	m, ok, err := r.Manual()
	if err != nil {
		return nil, err
	}
	if !ok {
		return f, nil
	}
	return f.WithManual(m), nil
}

func marshalManual(m map[string]map[string]signal.Signal) ([]byte, error) {
	if m == nil {
		m = map[string]map[string]signal.Signal{}
	}
	return marshal(manualDoc{Schema: ManualSchema, Competitors: m})
}

// Pages opens the run's page store; the error wraps pagestore.ErrNoStore
// when the run kept none (archived before page stores, or crawled with
// no pages).
func (r Run) Pages() (*pagestore.Store, error) {
	return pagestore.Open(filepath.Join(r.Dir, PagesDir))
}

// Scorecard reads the run's scorecard.json.
func (r Run) Scorecard() (*scoring.Scorecard, error) {
	var sc scoring.Scorecard
	if err := readJSON(filepath.Join(r.Dir, ScorecardFile), &sc); err != nil {
		return nil, err
	}
	return &sc, nil
}

// Input is what Save archives.
type Input struct {
	// Signals are the crawled signals (signals.json).
	Signals *signal.File
	// Manual are the manual signals the scorecard was computed with, by
	// competitor id and signal name (manual.json; nil: none).
	Manual    map[string]map[string]signal.Signal
	Scorecard *scoring.Scorecard
	// Report is the rendered HTML report (optional).
	Report []byte
	// Config and Rubric are the configuration bytes used (Rubric only
	// when the rubric was a separate file).
	Config, Rubric []byte
	// Pages is the run's page store (optional), kept as the run's
	// pages/ directory: for cxbench extract on this run and the next
	// run's conditional requests. Its files are hard-linked where the file
	// system allows, copied otherwise.
	Pages *pagestore.Store
}

// NewID returns the run id for a run started at t whose content hashes to
// sum: 20261122T060000Z-1a2b3c4d.
func NewID(t time.Time, sum []byte) string {
	return t.UTC().Format(IDTime) + "-" + hex.EncodeToString(sum)[:8]
}

// Save archives a run atomically: its files are written and synced into a
// temporary directory inside the archive, which is then renamed into place.
// The caller must hold the archive's lock.
func (a *Archive) Save(in Input) (Run, error) {
	if in.Signals == nil || in.Scorecard == nil {
		return Run{}, errors.New("archiving run: signals and scorecard are required")
	}
	sigData, err := marshal(in.Signals)
	if err != nil {
		return Run{}, fmt.Errorf("archiving run: %w", err)
	}
	scData, err := marshal(in.Scorecard)
	if err != nil {
		return Run{}, fmt.Errorf("archiving run: %w", err)
	}
	h := sha256.New()
	h.Write(sigData)
	h.Write(scData)
	started := in.Signals.StartedAt
	id := NewID(started, h.Sum(nil))
	for n := 2; exists(filepath.Join(a.Dir, id)); n++ {
		id = NewID(started, h.Sum(nil)) + fmt.Sprintf("-%d", n)
	}
	m := Manifest{
		Schema: ManifestSchema, ID: id, StartedAt: in.Signals.StartedAt, FinishedAt: in.Signals.FinishedAt,
		ConfigHash: in.Scorecard.Run.ConfigHash, RubricHash: in.Scorecard.Rubric.Hash,
		Headline: HeadlineOf(in.Scorecard),
	}
	mData, err := marshal(m)
	if err != nil {
		return Run{}, fmt.Errorf("archiving run: %w", err)
	}
	manData, err := marshalManual(in.Manual)
	if err != nil {
		return Run{}, fmt.Errorf("archiving run: %w", err)
	}
	tmp, err := os.MkdirTemp(a.Dir, tmpPrefix+id+"-")
	if err != nil {
		return Run{}, fmt.Errorf("archiving run: %w", err)
	}
	fail := func(err error) (Run, error) {
		os.RemoveAll(tmp)
		return Run{}, fmt.Errorf("archiving run %s: %w", id, err)
	}
	files := []struct {
		name string
		data []byte
	}{{SignalsFile, sigData}, {ManualFile, manData}, {ScorecardFile, scData}, {ReportFile, in.Report}, {ConfigFile, in.Config}, {RubricFile, in.Rubric}}
	for _, f := range files {
		if f.data == nil {
			continue
		}
		if err := writeSynced(filepath.Join(tmp, f.name), f.data); err != nil {
			return fail(err)
		}
	}
	if in.Pages != nil {
		if err := in.Pages.Link(filepath.Join(tmp, PagesDir)); err != nil {
			return fail(err)
		}
	}
	// The manifest goes last: a run directory with run.json is complete.
	if err := writeSynced(filepath.Join(tmp, ManifestFile), mData); err != nil {
		return fail(err)
	}
	if err := syncDir(tmp); err != nil {
		return fail(err)
	}
	if a.beforeRename != nil {
		a.beforeRename(tmp)
	}
	final := filepath.Join(a.Dir, id)
	if err := os.Rename(tmp, final); err != nil {
		return fail(err)
	}
	if err := syncDir(a.Dir); err != nil {
		return Run{}, fmt.Errorf("archiving run %s: %w", id, err)
	}
	return Run{ID: id, Dir: final, Manifest: m}, nil
}

// List returns the archived runs, oldest first. Directories being written,
// deleted or left behind by a crash are skipped, as are runs whose
// manifest cannot be read (reported in skipped).
func (a *Archive) List() (runs []Run, skipped []error, err error) {
	entries, err := os.ReadDir(a.Dir)
	if err != nil {
		return nil, nil, fmt.Errorf("listing history archive: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() || !runID.MatchString(e.Name()) {
			continue
		}
		r, err := readRun(filepath.Join(a.Dir, e.Name()))
		if err != nil {
			skipped = append(skipped, err)
			continue
		}
		runs = append(runs, r)
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].ID < runs[j].ID })
	return runs, skipped, nil
}

// Latest returns the newest run, or false when the archive is empty.
func (a *Archive) Latest() (Run, bool, error) {
	runs, _, err := a.List()
	if err != nil || len(runs) == 0 {
		return Run{}, false, err
	}
	return runs[len(runs)-1], true, nil
}

// Get finds a run by id, unique id prefix, or directory path.
func (a *Archive) Get(ref string) (Run, error) {
	if st, err := os.Stat(filepath.Join(ref, ManifestFile)); err == nil && !st.IsDir() {
		return readRun(ref)
	}
	runs, _, err := a.List()
	if err != nil {
		return Run{}, err
	}
	var found []Run
	for _, r := range runs {
		if r.ID == ref {
			return r, nil
		}
		if strings.HasPrefix(r.ID, ref) {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 0:
		return Run{}, fmt.Errorf("no run %q in %s (see cxbench history)", ref, a.Dir)
	case 1:
		return found[0], nil
	}
	return Run{}, fmt.Errorf("%q matches %d runs in %s; give more of the id", ref, len(found), a.Dir)
}

// ReadRun reads the run in dir, which need not be inside an archive.
func ReadRun(dir string) (Run, error) { return readRun(dir) }

func readRun(dir string) (Run, error) {
	var m Manifest
	if err := readJSON(filepath.Join(dir, ManifestFile), &m); err != nil {
		return Run{}, err
	}
	if m.Schema != ManifestSchema {
		return Run{}, fmt.Errorf("reading run %s: schema is %q, want %q", dir, m.Schema, ManifestSchema)
	}
	return Run{ID: m.ID, Dir: dir, Manifest: m}, nil
}

// CleanTemp removes directories left behind by interrupted writes and
// deletions. The caller must hold the lock: then no other process is
// writing, and every temporary directory is stale.
func (a *Archive) CleanTemp() ([]string, error) {
	entries, err := os.ReadDir(a.Dir)
	if err != nil {
		return nil, fmt.Errorf("cleaning history archive: %w", err)
	}
	var removed []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), tmpPrefix) {
			if err := os.RemoveAll(filepath.Join(a.Dir, e.Name())); err != nil {
				return removed, fmt.Errorf("cleaning history archive: %w", err)
			}
			removed = append(removed, e.Name())
		}
	}
	return removed, nil
}

// Retention says which runs to keep. Zero fields do not limit.
type Retention struct {
	// Keep is the number of newest runs kept.
	Keep int
	// MaxAge removes runs that started longer ago than this.
	MaxAge time.Duration
}

// Prune removes the runs the retention policy does not keep: those beyond
// the newest Keep, and those older than MaxAge. The newest run is always
// kept, so the next run has something to compare with. The caller must
// hold the lock. A run is renamed out of sight before it is deleted.
func (a *Archive) Prune(p Retention, now time.Time) ([]string, error) {
	if p.Keep <= 0 && p.MaxAge <= 0 {
		return nil, nil
	}
	runs, _, err := a.List()
	if err != nil {
		return nil, err
	}
	var removed []string
	for i, r := range runs {
		newer := len(runs) - 1 - i // runs newer than r
		if newer == 0 {
			break
		}
		drop := p.Keep > 0 && newer >= p.Keep || p.MaxAge > 0 && now.Sub(r.Manifest.StartedAt) > p.MaxAge
		if !drop {
			continue
		}
		gone := filepath.Join(a.Dir, tmpPrefix+"del-"+r.ID)
		if err := os.Rename(r.Dir, gone); err != nil {
			return removed, fmt.Errorf("pruning run %s: %w", r.ID, err)
		}
		if err := os.RemoveAll(gone); err != nil {
			return removed, fmt.Errorf("pruning run %s: %w", r.ID, err)
		}
		removed = append(removed, r.ID)
	}
	return removed, nil
}

// ReplaceScorecard atomically replaces a run's scorecard (and report, when
// given), keeping the original scorecard as scorecard.orig.json the first
// time, and records the manual signals it was computed with (manual.json).
// The caller must hold the lock.
func (a *Archive) ReplaceScorecard(r Run, sc *scoring.Scorecard, manual map[string]map[string]signal.Signal, report []byte, now time.Time) (Run, error) {
	orig := filepath.Join(r.Dir, OrigScorecardFile)
	if !exists(orig) {
		data, err := os.ReadFile(filepath.Join(r.Dir, ScorecardFile))
		if err != nil {
			return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
		}
		if err := replaceFile(orig, data); err != nil {
			return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
		}
	}
	manData, err := marshalManual(manual)
	if err != nil {
		return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
	}
	data, err := marshal(sc)
	if err != nil {
		return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
	}
	if err := replaceFile(filepath.Join(r.Dir, ManualFile), manData); err != nil {
		return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
	}
	if err := replaceFile(filepath.Join(r.Dir, ScorecardFile), data); err != nil {
		return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
	}
	if report != nil {
		if err := replaceFile(filepath.Join(r.Dir, ReportFile), report); err != nil {
			return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
		}
	}
	m := r.Manifest
	t := now.UTC()
	m.Rescored, m.RubricHash, m.Headline = &t, sc.Rubric.Hash, HeadlineOf(sc)
	mData, err := marshal(m)
	if err != nil {
		return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
	}
	if err := replaceFile(filepath.Join(r.Dir, ManifestFile), mData); err != nil {
		return r, fmt.Errorf("rescoring run %s: %w", r.ID, err)
	}
	r.Manifest = m
	return r, nil
}

func marshal(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// writeSynced writes a new file and syncs it to disk.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// replaceFile replaces path atomically: a synced temporary file renamed
// over it.
func replaceFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// IDFor returns the id Save gives the run of f and sc (unless another run
// already has it).
func IDFor(f *signal.File, sc *scoring.Scorecard) (string, error) {
	sigData, err := marshal(f)
	if err != nil {
		return "", fmt.Errorf("naming run: %w", err)
	}
	scData, err := marshal(sc)
	if err != nil {
		return "", fmt.Errorf("naming run: %w", err)
	}
	h := sha256.New()
	h.Write(sigData)
	h.Write(scData)
	return NewID(f.StartedAt, h.Sum(nil)), nil
}
