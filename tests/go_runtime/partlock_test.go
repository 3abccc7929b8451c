//go:build unix

package apicoretest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"apicoretest/apicore"
)

// A resumable download's lock left behind by a process that ended (killed,
// crashed) is taken over; the lock of a process that runs never is.

// lockOf is the lock file a resumable download of target holds, named as in every style.
func lockOf(target string) string {
	name := filepath.Base(target)
	digest := sha256.Sum256([]byte(name))
	return filepath.Join(filepath.Dir(target), "."+name+"."+hex.EncodeToString(digest[:])[:12]+".part.lock")
}

// endedPid is the id of a process that ran and has ended (and was reaped).
func endedPid(t *testing.T) int {
	t.Helper()
	child := exec.Command(os.Args[0], "-test.run=^$")
	if err := child.Run(); err != nil {
		t.Fatal(err)
	}
	pid := child.Process.Pid
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Skipf("process %d exists again (%v)", pid, err)
	}
	return pid
}

func leaveLock(t *testing.T, target, text string, age time.Duration) string {
	t.Helper()
	lock := lockOf(target)
	if err := os.WriteFile(lock, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	when := time.Now().Add(-age)
	if err := os.Chtimes(lock, when, when); err != nil {
		t.Fatal(err)
	}
	return lock
}

func lockedFileHost(t *testing.T, content []byte) *server {
	return serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write(content)
	})
}

func TestALockLeftByAnEndedProcessIsTakenOver(t *testing.T) {
	content := pattern(1<<12, 7)
	host := lockedFileHost(t, content)
	core := transport(t, "https://api.example")
	for _, left := range []string{strconv.Itoa(endedPid(t)), ""} {
		folder, target := tempTarget(t, "left.bin")
		leaveLock(t, target, left, time.Minute) // an empty lock: its holder died before writing its id
		if _, err := core.DownloadURL(background(t), host.URL+"/left.bin", target, apicore.SaveOptions{Resume: true}); err != nil {
			t.Fatalf("the lock holding %q should be taken over, got %v", left, err)
		}
		assertFile(t, target, content)
		if names := folderEntries(t, folder); len(names) != 1 {
			t.Fatalf("no lock (nor a stale one set aside) should be left: %v", names)
		}
	}
}

func TestALockOfARunningProcessIsKept(t *testing.T) {
	host := lockedFileHost(t, pattern(1<<12, 8))
	core := transport(t, "https://api.example")
	sleeper := exec.Command("sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Skipf("no process to hold a lock: %v", err)
	}
	t.Cleanup(func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() })
	cases := map[string]struct {
		text string
		age  time.Duration
		says string
	}{
		"another process":      {strconv.Itoa(sleeper.Process.Pid), time.Hour, "held by process " + strconv.Itoa(sleeper.Process.Pid)},
		"an id being written":  {"", 0, "is held;"},
		"not an id, but fresh": {"0", 0, "is held;"},
	}
	for name, c := range cases {
		folder, target := tempTarget(t, "held.bin")
		lock := leaveLock(t, target, c.text, c.age)
		_, err := core.DownloadURL(background(t), host.URL+"/held.bin", target, apicore.SaveOptions{Resume: true, Overwrite: true})
		if !errors.Is(err, apicore.ErrDownloadInProgress) || !strings.Contains(err.Error(), c.says) {
			t.Fatalf("%s: want the download refused (%q), got %v", name, c.says, err)
		}
		if kept, _ := os.ReadFile(lock); string(kept) != c.text || len(folderEntries(t, folder)) != 1 {
			t.Fatalf("%s: the lock should be left as it was: %q, %v", name, kept, folderEntries(t, folder))
		}
	}
	if host.count() != 0 {
		t.Fatalf("a refused download sends nothing, the host saw %d requests", host.count())
	}
}

func TestALockNamingThisProcessIsTakenOverUnlessThisProcessHoldsIt(t *testing.T) {
	content := pattern(1<<12, 11)
	release := make(chan struct{})
	host := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.URL.Path == "/held.bin" {
			select { // the first download holds its lock until the second is refused
			case <-release:
			case <-time.After(10 * time.Second):
			}
		}
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write(content)
	})
	core := transport(t, "https://api.example")

	// left by an earlier process with this id (a restarted container's first process)
	folder, target := tempTarget(t, "left.bin")
	leaveLock(t, target, strconv.Itoa(os.Getpid()), time.Minute)
	if _, err := core.DownloadURL(background(t), host.URL+"/left.bin", target, apicore.SaveOptions{Resume: true}); err != nil {
		t.Fatalf("a lock naming this process that it does not hold should be taken over, got %v", err)
	}
	assertFile(t, target, content)
	if names := folderEntries(t, folder); len(names) != 1 {
		t.Fatalf("no lock should be left: %v", names)
	}

	// held by a download of this process that runs
	folder, target = tempTarget(t, "held.bin")
	first := make(chan error, 1)
	go func() {
		_, err := core.DownloadURL(background(t), host.URL+"/held.bin", target, apicore.SaveOptions{Resume: true})
		first <- err
	}()
	lock := lockOf(target)
	for waited := 0; ; waited++ {
		if _, err := os.Stat(lock); err == nil {
			break
		}
		if waited == 1000 {
			close(release)
			t.Fatalf("the first download took no lock: %v", folderEntries(t, folder))
		}
		time.Sleep(5 * time.Millisecond)
	}
	_, err := core.DownloadURL(background(t), host.URL+"/held.bin", target, apicore.SaveOptions{Resume: true, Overwrite: true})
	close(release)
	if !errors.Is(err, apicore.ErrDownloadInProgress) || !strings.Contains(err.Error(), "held by this process") {
		t.Fatalf("want the second download refused (held by this process), got %v", err)
	}
	if err := <-first; err != nil {
		t.Fatalf("the download holding the lock failed: %v", err)
	}
	assertFile(t, target, content)
	if names := folderEntries(t, folder); len(names) != 1 {
		t.Fatalf("no lock should be left: %v", names)
	}
}

func TestOneOfManyTakingOverTheSameStaleLockWins(t *testing.T) {
	content := pattern(1<<12, 9)
	var mu sync.Mutex
	var release chan struct{} // one a round
	host := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		mu.Lock()
		released := release
		mu.Unlock()
		select { // the winner holds the lock until every other download has ended
		case <-released:
		case <-time.After(10 * time.Second):
		}
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write(content)
	})
	core := transport(t, "https://api.example")
	pid := strconv.Itoa(endedPid(t))
	for round := 0; round < 20; round++ {
		folder, target := tempTarget(t, "raced.bin")
		leaveLock(t, target, pid, time.Minute)
		mu.Lock()
		release = make(chan struct{})
		mu.Unlock()
		const takers = 8
		start := make(chan struct{})
		errs := make(chan error, takers)
		ctx := background(t)
		var ready sync.WaitGroup
		ready.Add(takers)
		for index := 0; index < takers; index++ {
			go func() {
				ready.Done()
				<-start
				_, err := core.DownloadURL(ctx, host.URL+"/raced.bin", target, apicore.SaveOptions{Resume: true, Overwrite: true})
				errs <- err
			}()
		}
		ready.Wait()
		close(start)
		refused := 0
		for index := 0; index < takers-1; index++ {
			if err := <-errs; errors.Is(err, apicore.ErrDownloadInProgress) {
				refused++
			} else {
				t.Fatalf("round %d: two downloads took the stale lock over (%v)", round, err)
			}
		}
		close(release)
		if err := <-errs; err != nil {
			t.Fatalf("round %d: the download that took the lock over failed: %v", round, err)
		}
		assertFile(t, target, content)
		if names := folderEntries(t, folder); len(names) != 1 {
			t.Fatalf("round %d: no lock should be left: %v", round, names)
		}
	}
	if host.count() != 20 {
		t.Fatalf("want one request a round, the host saw %d", host.count())
	}
}
