// Copied by generator 0.1.0 from templates/go/runtime/partlock_unix.go. Do not edit.
//go:build unix

package apicore

import (
	"errors"
	"syscall"
)

// processGone says whether no process with the id pid exists (signal 0 sends
// nothing: it only checks); a process of another user (EPERM) exists.
func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
