package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// syncCrashEnv names "DATA_DIR|SYNC_DIR": the child adds notes and
// highlights and syncs in a loop until it is killed, printing "ok ID" (a
// note) or "okhl ID" (a highlight) once each save returned.
const syncCrashEnv = "STORAGE_TEST_SYNC_CRASH"

func syncCrashChild(arg string) {
	data, folder, _ := strings.Cut(arg, "|")
	s, err := Open(filepath.Join(data, FileName), Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		for j := 0; j < 5; j++ {
			n, err := s.SaveNote(Note{Topic: "data", Block: -1, Body: fmt.Sprintf("pid %d note %d.%d %s", os.Getpid(), i, j, strings.Repeat("y", 500))})
			if err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			fmt.Printf("ok %s\n", n.ID)
		}
		h, err := s.SaveHighlight(Highlight{Topic: "data", Block: i % 7, Start: 0, End: 5, Quote: "scale", Color: Green,
			Note: fmt.Sprintf("pid %d highlight %d %s", os.Getpid(), i, strings.Repeat("z", 300))})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Printf("okhl %s\n", h.ID)
		if _, err := s.Sync(folder, SyncOptions{CompactMin: 32 << 10}); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("synced")
	}
}

// TestSyncCrashDuringRoundsLosesNothing kills a device with SIGKILL at
// random moments while it saves and syncs (appends, merges, compactions).
// After each kill the next round completes, and in the end a second device
// has every note the first ever acknowledged, and both hold the same data.
func TestSyncCrashDuringRoundsLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a syncing device 30 times")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, folder := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(7, 19))
	acked, ackedHL := map[string]bool{}, map[string]bool{}
	rounds := 0
	const kills = 30
	for run := 0; run < kills; run++ {
		out := &signalBuffer{firstOK: make(chan struct{})}
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), syncCrashEnv+"="+data+"|"+folder)
		cmd.Stdout = out
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-out.firstOK:
		case <-time.After(20 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			cmd.Wait()
			t.Fatalf("run %d: nothing saved in 20s: %s", run, out.buf.String())
		}
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		out.mu.Lock()
		log := out.buf.String()
		out.mu.Unlock()
		for _, line := range strings.Split(log, "\n") {
			f := strings.Fields(line)
			if len(f) > 0 && f[0] == "error" {
				t.Fatalf("run %d: child failed: %s", run, line)
			}
			if len(f) == 1 && f[0] == "synced" {
				rounds++
			}
			if len(f) == 2 && f[0] == "ok" {
				acked[f[1]] = true
			}
			if len(f) == 2 && f[0] == "okhl" {
				ackedHL[f[1]] = true
			}
		}
	}
	a := openAt(t, data, nil)
	defer a.Close()
	if err := a.Check(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync(folder, SyncOptions{}); err != nil {
		t.Fatalf("round after the kills: %v", err)
	}
	b := newStore(t, nil)
	if _, err := b.Sync(folder, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	for id := range acked {
		if _, err := b.Note(id); err != nil {
			t.Fatalf("acknowledged note %s did not reach the other device: %v", id, err)
		}
	}
	for id := range ackedHL {
		if _, err := b.Highlight(id); err != nil {
			t.Fatalf("acknowledged highlight %s did not reach the other device: %v", id, err)
		}
	}
	if studyState(t, a) != studyState(t, b) {
		t.Fatalf("the devices' highlights differ after the kills")
	}
	if state(t, a) != state(t, b) {
		t.Fatalf("the devices differ after the kills")
	}
	if rounds == 0 {
		t.Fatal("no round completed before a kill: the kills never fell between rounds")
	}
	t.Logf("%d kills, %d rounds completed, %d acknowledged notes and %d highlights all synced", kills, rounds, len(acked), len(ackedHL))
}
