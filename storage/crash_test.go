package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// crashWriter saves notes in a loop until it is killed: new notes and edits
// of its own earlier ones, about 2 KB each. It prints "try ID SUM" before
// each save and "ok ID SUM" once SaveNote has returned.
func crashWriter(path string) {
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(os.Getpid())))
	var ids []string
	for i := 0; ; i++ {
		n := Note{Topic: "data", Block: -1}
		if len(ids) > 0 && rng.IntN(3) == 0 {
			n.ID = ids[rng.IntN(len(ids))]
		} else {
			n.ID = NewID(time.Now())
			ids = append(ids, n.ID)
		}
		n.Body = fmt.Sprintf("pid %d save %d #crash\n%s", os.Getpid(), i, strings.Repeat("x", 1900+rng.IntN(200)))
		sum := checksum(n.Body)
		fmt.Printf("try %s %s\n", n.ID, sum)
		if _, err := s.SaveNote(n); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Printf("ok %s %s\n", n.ID, sum)
	}
}

// signalBuffer collects a child's output and closes firstOK at its first
// acknowledged save.
type signalBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	once    sync.Once
	firstOK chan struct{}
}

func (w *signalBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), []byte("\nok ")) || bytes.HasPrefix(w.buf.Bytes(), []byte("ok ")) {
		w.once.Do(func() { close(w.firstOK) })
	}
	return len(p), nil
}

// TestCrashDuringSavesLosesNothingAcknowledged kills a writer with SIGKILL
// at random moments, at least 50 times. After every kill, each note whose
// save had returned holds the last acknowledged body (or a body whose save
// was under way), every earlier run's notes are intact, the file passes
// the diagnosis without recovery, and Check passes.
func TestCrashDuringSavesLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a writer 80 times")
	}
	const kills = 80
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), FileName)
	rng := rand.New(rand.NewPCG(1, 2))
	final := map[string]string{} // id → checksum every later open must find
	acked, duringOpen := 0, 0
	start := time.Now()
	for run := 0; run < kills; run++ {
		out := &signalBuffer{firstOK: make(chan struct{})}
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		cmd.Stdout = out
		// Its own process group, so the kill also takes the writer's
		// diagnose child if the kill lands while the writer is opening.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if run%5 == 4 {
			// Now and then kill it while it opens the store.
			time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
			duringOpen++
		} else {
			select {
			case <-out.firstOK:
			case <-time.After(10 * time.Second):
				syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				cmd.Wait()
				t.Fatalf("run %d: no save acknowledged in 10s: %s", run, out.buf.String())
			}
			time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		}
		if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()

		allowed, ackedHere := parseWriterLog(t, out.buf.String())
		acked += ackedHere
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("run %d: Open after kill: %v", run, err)
		}
		if s.Recovery() != nil {
			t.Fatalf("run %d: the file was judged damaged: %s", run, s.Recovery().Message())
		}
		if err := s.Check(); err != nil {
			t.Fatalf("run %d: Check after kill: %v", run, err)
		}
		for id, sums := range allowed {
			n, err := s.Note(id)
			if err != nil {
				if sums[""] {
					continue // never acknowledged, so it may be absent
				}
				t.Fatalf("run %d: acknowledged note %s: %v", run, id, err)
			}
			if !sums[n.Checksum] {
				t.Fatalf("run %d: note %s holds a body that was never saved or was superseded", run, id)
			}
			final[id] = n.Checksum
		}
		for id, sum := range final {
			n, err := s.Note(id)
			if err != nil || n.Checksum != sum {
				t.Fatalf("run %d: note %s from an earlier run changed: %v", run, id, err)
			}
		}
		s.Close()
	}
	t.Logf("%d kills (%d during Open), %d acknowledged saves, %d notes checked, %s",
		kills, duringOpen, acked, len(final), time.Since(start).Round(time.Millisecond))
}

// parseWriterLog returns, for each note the writer touched, the checksums
// the store may hold after the kill: the last acknowledged one and those of
// saves begun after it ("" as well when no save of it was acknowledged).
func parseWriterLog(t *testing.T, log string) (map[string]map[string]bool, int) {
	t.Helper()
	allowed := map[string]map[string]bool{}
	acked := 0
	for _, line := range strings.Split(log, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] == "error" {
			t.Fatalf("writer failed: %s", line)
		}
		if len(f) != 3 {
			continue // the last line may be cut by the kill
		}
		id, sum := f[1], f[2]
		switch f[0] {
		case "try":
			if allowed[id] == nil {
				allowed[id] = map[string]bool{"": true}
			}
			allowed[id][sum] = true
		case "ok":
			allowed[id] = map[string]bool{sum: true}
			acked++
		}
	}
	return allowed, acked
}
