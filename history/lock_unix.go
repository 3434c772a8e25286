//go:build unix

package history

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// lockFile takes an flock on path. The kernel releases it when the process
// dies, so a lock left by a killed run is never stale.
func lockFile(path, dir string, now time.Time) (func() error, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking history archive: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		data, _ := io.ReadAll(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid, since := parseLockInfo(string(data))
			return nil, &LockedError{Dir: dir, PID: pid, Since: since}
		}
		return nil, fmt.Errorf("locking history archive: %w", err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(lockInfo(now)), 0)
	}
	return func() error {
		f.Truncate(0)
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}, nil
}
