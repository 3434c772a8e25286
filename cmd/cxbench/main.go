// Command cxbench benchmarks a company's customer experience against its
// competitors from their public websites.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	cxsignal "github.com/cxbench/cxbench/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// Exit statuses (shared/spec/interfaces.md).
const (
	exitOK     = 0
	exitFailed = 1 // the work failed or the configuration is invalid
	exitUsage  = 2 // wrong usage
	exitGate   = 3 // a --fail-under or assertion gate was not met
)

// exitError carries an exit status; errors without one are usage errors
// (cobra's flag and argument errors).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func failed(err error) error { return &exitError{exitFailed, err} }

// exitCode prints err (unless already printed) and maps it to a status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != errPrinted {
			printError(stderr, ee.err)
		}
		return ee.code
	}
	printError(stderr, err)
	fmt.Fprintln(stderr, "Run 'cxbench --help' for usage.")
	return exitUsage
}

// printError prints err line by line, without the control characters and
// escape sequences it may carry from a competitor's site or a file.
func printError(w io.Writer, err error) {
	for i, line := range strings.Split(err.Error(), "\n") {
		if i == 0 {
			line = "cxbench: " + line
		}
		fmt.Fprintln(w, cxsignal.Printable(line))
	}
}

// errPrinted marks a failure whose details were already written out (such
// as the list of configuration problems).
var errPrinted = errors.New("already reported")

// run is the whole program, minus the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := newRootCmd(&app{stdout: stdout, stderr: stderr})
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return root.ExecuteContext(ctx)
}
