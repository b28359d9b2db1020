package storage

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Child roles of the test binary, besides the diagnose child.
const (
	holdEnv  = "STORAGE_TEST_HOLD"  // open the store at this path and hold it until stdin closes
	crashEnv = "STORAGE_TEST_CRASH" // save notes into the store at this path until killed
)

func TestMain(m *testing.M) {
	RunChildIfRequested()
	if p := os.Getenv(holdEnv); p != "" {
		holdChild(p)
	}
	if p := os.Getenv(crashEnv); p != "" {
		crashWriter(p)
	}
	if p := os.Getenv(recoverEnv); p != "" {
		recoverChild(p)
	}
	if p := os.Getenv(syncCrashEnv); p != "" {
		syncCrashChild(p) // sync_crash_test.go
	}
	code := m.Run()
	removeFixtures()
	os.Exit(code)
}

func holdChild(path string) {
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	s.Close()
	os.Exit(0)
}

// holdInChild starts a process that holds the store at path open; it lets
// go when the test ends.
func holdInChild(t *testing.T, path string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "ready" {
		t.Fatalf("holding child: %q %v", line, err)
	}
}

// clock is a settable time source for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// openAt opens a store in dir with the given clock (nil: real time).
func openAt(t testing.TB, dir string, c *clock) *Store {
	t.Helper()
	opts := Options{}
	if c != nil {
		opts.Now = c.Now
	}
	s, err := Open(filepath.Join(dir, FileName), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

// newStore opens a fresh store that closes when the test ends.
func newStore(t testing.TB, c *clock) *Store {
	t.Helper()
	s := openAt(t, t.TempDir(), c)
	t.Cleanup(func() { s.Close() })
	return s
}

func mustSave(t testing.TB, s *Store, n Note) Note {
	t.Helper()
	saved, err := s.SaveNote(n)
	if err != nil {
		t.Fatalf("SaveNote: %v", err)
	}
	return saved
}

func fileSHA(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
