package history

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// LockFile is the archive's lock file.
const LockFile = "LOCK"

// LockedError says another process holds the archive.
type LockedError struct {
	Dir   string
	PID   int
	Since time.Time
}

func (e *LockedError) Error() string {
	since := "an unknown time"
	if !e.Since.IsZero() {
		since = e.Since.UTC().Format(time.RFC3339)
	}
	pid := "unknown"
	if e.PID > 0 {
		pid = strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("archive %s is locked by pid %s since %s; is another cxbench running?", e.Dir, pid, since)
}

// Lock takes the archive's exclusive lock, or fails at once with a
// *LockedError when another process (or another Lock in this process)
// holds it. The lock dies with its process, so a crashed run never leaves
// the archive locked. Taking the lock also removes stale temporary
// directories. unlock releases it.
func (a *Archive) Lock(now time.Time) (unlock func() error, err error) {
	path := a.Dir + string(os.PathSeparator) + LockFile
	unlock, err = lockFile(path, a.Dir, now)
	if err != nil {
		return nil, err
	}
	if _, err := a.CleanTemp(); err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// lockInfo is written into the lock file for the message others see.
func lockInfo(now time.Time) string {
	return fmt.Sprintf("pid %d\nsince %s\n", os.Getpid(), now.UTC().Format(time.RFC3339))
}

// parseLockInfo reads what lockInfo wrote.
func parseLockInfo(data string) (pid int, since time.Time) {
	for _, line := range strings.Split(data, "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch k {
		case "pid":
			pid, _ = strconv.Atoi(v)
		case "since":
			since, _ = time.Parse(time.RFC3339, v)
		}
	}
	return pid, since
}
