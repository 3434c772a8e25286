// Package cxbench holds the files bundled into the binary from the
// repository root; the program itself lives in cmd/cxbench.
package cxbench

import _ "embed"

// DefaultConfig is benchmarks.yaml, the commented template with the
// default rubric.
//
//go:embed benchmarks.yaml
var DefaultConfig []byte
