package config

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Loc remembers where a YAML mapping was read, so validation can point at
// the line and column of a key. It is embedded in every config struct.
type Loc struct {
	file string
	node *yaml.Node
}

// Pos is a position in a configuration file.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// At returns the position of key's value in the mapping, or of the mapping
// itself when the key is absent.
func (l Loc) At(key string) Pos {
	if n := l.Value(key); n != nil {
		return Pos{l.file, n.Line, n.Column}
	}
	return l.Pos()
}

// KeyAt returns the position of key itself, or of the mapping.
func (l Loc) KeyAt(key string) Pos {
	if l.node != nil && l.node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(l.node.Content); i += 2 {
			if k := l.node.Content[i]; k.Value == key {
				return Pos{l.file, k.Line, k.Column}
			}
		}
	}
	return l.Pos()
}

// Pos returns the position of the mapping.
func (l Loc) Pos() Pos {
	if l.node == nil {
		return Pos{File: l.file}
	}
	return Pos{l.file, l.node.Line, l.node.Column}
}

// Has reports whether the mapping sets key.
func (l Loc) Has(key string) bool { return l.Value(key) != nil }

// Value returns key's value node, or nil.
func (l Loc) Value(key string) *yaml.Node {
	if l.node == nil || l.node.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(l.node.Content); i += 2 {
		if l.node.Content[i].Value == key {
			return l.node.Content[i+1]
		}
	}
	return nil
}

// Duration is a time.Duration written as "1s", "250ms", "12h" or "30d".
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// MaxDuration is the longest duration a configuration can state: what a
// time.Duration holds, about 292 years (106751 days).
const MaxDuration = time.Duration(math.MaxInt64)

// plainNumber matches the numbers accepted before a unit: digits with an
// optional decimal part. Signs, exponents, hexadecimal, NaN and Inf are not
// durations or sizes anyone means.
var plainNumber = regexp.MustCompile(`^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$`)

// goDuration matches what time.ParseDuration accepts, so that its failure on
// such a string can only be an overflow.
var goDuration = regexp.MustCompile(`^(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+$`)

// ParseDuration accepts Go durations plus days ("30d") and weeks ("2w").
// The result is never negative and never wraps around: values beyond
// MaxDuration are errors.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"d", 24 * time.Hour}, {"w", 7 * 24 * time.Hour}} {
		n, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		if strings.HasPrefix(n, "-") {
			return 0, fmt.Errorf("duration %s must not be negative", quote(s))
		}
		if !plainNumber.MatchString(n) {
			return 0, fmt.Errorf("invalid duration %s (use e.g. 500ms, 2s, 12h, 30d)", quote(s))
		}
		f, err := strconv.ParseFloat(n, 64)
		ns := f * float64(u.unit)
		if err != nil || !(ns < float64(MaxDuration)) {
			return 0, fmt.Errorf("duration %s is too long (at most %dd)", quote(s), MaxDuration/(24*time.Hour))
		}
		return time.Duration(ns), nil
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil && goDuration.MatchString(s):
		return 0, fmt.Errorf("duration %s is too long (at most %dd)", quote(s), MaxDuration/(24*time.Hour))
	case err != nil && strings.HasPrefix(s, "-") && goDuration.MatchString(s[1:]):
		return 0, fmt.Errorf("duration %s must not be negative", quote(s))
	case err != nil:
		return 0, fmt.Errorf("invalid duration %s (use e.g. 500ms, 2s, 12h, 30d)", quote(s))
	case d < 0:
		return 0, fmt.Errorf("duration %s must not be negative", quote(s))
	}
	return d, nil
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a duration such as 1s")
	}
	if n.Value == "0" {
		*d = 0
		return nil
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML implements yaml.Marshaler.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// ByteSize is a size in bytes written as 1048576, "512KB", "5MiB" or "1GB".
type ByteSize int64

// MaxByteSize is the largest size a configuration can state (8 EiB − 1).
const MaxByteSize = math.MaxInt64

// ParseByteSize parses a byte count with an optional unit (KB = 1000,
// KiB = 1024, likewise MB/MiB and GB/GiB). The result is never negative and
// never wraps around: sizes beyond MaxByteSize are errors.
func ParseByteSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if n, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	if !plainNumber.MatchString(t) {
		return 0, fmt.Errorf("invalid size %s (use e.g. 5MiB, 512KB or a byte count)", quote(s))
	}
	f, err := strconv.ParseFloat(t, 64)
	n := f * float64(mult)
	if err != nil || !(n < MaxByteSize) {
		return 0, fmt.Errorf("size %s is too large", quote(s))
	}
	return int64(n), nil
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a size such as 5MiB")
	}
	v, err := ParseByteSize(n.Value)
	if err != nil {
		return err
	}
	*b = ByteSize(v)
	return nil
}

// Date is a calendar date written as 2026-09-30.
type Date struct{ time.Time }

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(n.Value))
	if err != nil {
		return fmt.Errorf("invalid date %s (use YYYY-MM-DD)", quote(n.Value))
	}
	d.Time = t
	return nil
}

// MarshalYAML implements yaml.Marshaler.
func (d Date) MarshalYAML() (any, error) { return d.Format("2006-01-02"), nil }
