// Copied by generator 0.1.0 from templates/go/runtime/partlock.go. Do not edit.
package apicore

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The lock of a resumable part: "<part>.lock", created with O_EXCL and holding
// the decimal id of the process that holds it (as the Python and TypeScript
// clients write it, so a folder they share is locked alike). A lock left by a
// process that has ended (killed, crashed) is taken over: where the system
// says whether a process runs (unix), a lock naming a process that no longer
// exists; on every system, a lock that is not a regular file, or whose text
// is not a process id and that is older than lockGrace (a holder writes its
// id just after creating the file), and a lock naming this process's id that
// this process does not hold (left by an earlier process that had the same
// id, as the first process of a restarted container has). A lock naming
// another running process, or that this process may not read, is never
// taken; of several downloads finding the same stale lock, one takes it over.

// lockGrace is how old a lock without a process id must be to be taken over.
const lockGrace = 10 * time.Second

// partLock is the lock file of a resumable part, held while one transfer writes it.
type partLock struct {
	path string
	made os.FileInfo // the file created, so release removes no later holder's lock
}

// held are the locks this process holds: a lock file naming this process is
// its own only when it is one of them.
var held = struct {
	sync.Mutex
	locks map[*partLock]struct{}
}{locks: map[*partLock]struct{}{}}

// holds says whether the lock file at path, found as info, is one this process holds.
func holds(path string, info os.FileInfo) bool {
	held.Lock()
	defer held.Unlock()
	for lock := range held.locks {
		if lock.made != nil && os.SameFile(lock.made, info) || lock.made == nil && lock.path == path {
			return true
		}
	}
	return false
}

// lockPart takes the lock of part, or fails with ErrDownloadInProgress when
// another transfer holds it; a stale lock is taken over once.
func lockPart(target, part string) (*partLock, error) {
	path := part + ".lock"
	for tries := 0; ; tries++ {
		lock, err := createLock(path)
		if err == nil {
			return lock, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, &DownloadError{Message: "cannot lock the download's part: " + err.Error(), Err: err}
		}
		holder, stale := "", false
		if tries == 0 {
			holder, stale = takeOver(path)
		}
		if !stale {
			return nil, newInProgress(target, "its lock "+path+" is held"+holder+"; remove it if no download runs")
		}
	}
}

// createLock creates the lock at path holding this process's id; it is
// counted held before another download of this process can judge it.
func createLock(path string) (*partLock, error) {
	held.Lock()
	defer held.Unlock()
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	_, err = file.WriteString(strconv.Itoa(os.Getpid()))
	made, statErr := file.Stat()
	if closeErr := file.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		_ = os.Remove(path)
		return nil, err
	}
	if statErr != nil {
		made = nil
	}
	lock := &partLock{path: path, made: made}
	held.locks[lock] = struct{}{}
	return lock, nil
}

// release removes the lock file, then counts it held no more.
func (l *partLock) release() {
	if l == nil {
		return
	}
	defer func() {
		held.Lock()
		delete(held.locks, l)
		held.Unlock()
	}()
	if l.made != nil {
		if now, err := os.Lstat(l.path); err != nil || !os.SameFile(now, l.made) {
			return
		}
	}
	_ = os.Remove(l.path)
}

// takeOver removes the lock at path when it is stale (or gone already) and
// says so; otherwise it names the holder, for the message. Takers take turns
// (the one that creates "<lock>.takeover" with O_EXCL; the others give up), so
// no taker removes a lock another has just made. In its turn a taker judges
// the lock again, renames it to a name of its own and checks that it moved
// the file it judged; if not (a client that takes no turns replaced it), it
// puts the file back.
func takeOver(path string) (string, bool) {
	if _, holder, stale := judgeLock(path); !stale {
		return holder, false
	}
	turn := path + ".takeover"
	guard, err := os.OpenFile(turn, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if info, statErr := os.Lstat(turn); statErr == nil && time.Since(info.ModTime()) > lockGrace {
			_ = os.Remove(turn) // left by a taker that ended in its turn: the next download takes over
		}
		return "", false
	}
	_ = guard.Close()
	defer func() { _ = os.Remove(turn) }()
	seen, holder, stale := judgeLock(path)
	if !stale || seen == nil {
		return holder, stale
	}
	random := make([]byte, 8)
	if _, err := rand.Read(random); err != nil {
		return "", false
	}
	aside := path + "." + hex.EncodeToString(random) + ".stale"
	if err := os.Rename(path, aside); err != nil {
		return "", errors.Is(err, fs.ErrNotExist)
	}
	moved, err := os.Lstat(aside)
	if err == nil && os.SameFile(seen, moved) {
		_ = os.Remove(aside)
		return "", true
	}
	if err := os.Link(aside, path); err == nil || errors.Is(err, fs.ErrExist) {
		_ = os.Remove(aside)
	} else {
		_ = os.Rename(aside, path)
	}
	return "", false
}

// judgeLock says whether the lock at path is stale, with the file judged (nil
// when there is none any more) or the holder's description.
func judgeLock(path string) (os.FileInfo, string, bool) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", true
	}
	if err != nil {
		return nil, "", false
	}
	if !info.Mode().IsRegular() {
		return info, "", true // never made by a download (a symlink planted there)
	}
	file, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", true
	}
	if err != nil {
		return nil, "", false // another user's lock, or unreadable: its holder may run
	}
	defer file.Close()
	if info, err = file.Stat(); err != nil {
		return nil, "", false
	}
	text, readErr := io.ReadAll(io.LimitReader(file, 32))
	pid, parseErr := strconv.Atoi(strings.TrimSpace(string(text)))
	if readErr != nil || parseErr != nil || pid <= 0 || pid > math.MaxInt32 {
		return info, "", time.Since(info.ModTime()) > lockGrace
	}
	holder := fmt.Sprintf(" by process %d", pid)
	if pid == os.Getpid() {
		if holds(path, info) {
			return info, " by this process", false
		}
		return info, holder, true // an earlier process's with this id
	}
	return info, holder, processGone(pid)
}
