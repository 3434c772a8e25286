//go:build !unix

package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// staleLock is the age after which a lock file is taken to be left by a
// crashed process (this platform cannot ask whether its pid lives).
const staleLock = 24 * time.Hour

// lockFile creates path exclusively (O_EXCL), holding the pid and time.
func lockFile(path, dir string, now time.Time) (func() error, error) {
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.WriteString(lockInfo(now))
			f.Close()
			return func() error { return os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("locking history archive: %w", err)
		}
		data, _ := os.ReadFile(path)
		pid, since := parseLockInfo(string(data))
		if attempt == 0 && !since.IsZero() && now.Sub(since) > staleLock {
			os.Remove(path)
			continue
		}
		return nil, &LockedError{Dir: dir, PID: pid, Since: since}
	}
	return nil, &LockedError{Dir: dir}
}
