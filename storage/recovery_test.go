package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// recoverEnv makes the test binary open the store at its path (recovering
// it if damaged) and exit; with fsizeEnv set, files it writes may not grow
// beyond that many bytes, as on a full disk.
const (
	recoverEnv = "STORAGE_TEST_RECOVER"
	fsizeEnv   = "STORAGE_TEST_FSIZE"
)

func recoverChild(path string) {
	if n, err := strconv.ParseUint(os.Getenv(fsizeEnv), 10, 64); err == nil {
		lim := syscall.Rlimit{Cur: n, Max: n}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			fmt.Println("error setrlimit", err)
			os.Exit(1)
		}
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	s.Close()
	fmt.Println("ok")
	os.Exit(0)
}

// copyFile copies src to dst through a fsynced temporary file.
func copyFile(src, dst string) error {
	tmp, err := copyToTemp(src, filepath.Dir(dst), restorePrefix)
	if err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// damagedWithBackup makes a data folder whose reader.db is damaged and whose
// backups folder holds a good backup of n notes; it returns the folder.
func damagedWithBackup(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	seedStore(t, s, n, "backed up")
	if _, err := s.BackupDaily(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	truncate(t, filepath.Join(dir, FileName), 8192)
	return dir
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	out, err := exec.Command("cp", "-a", from+"/.", to).CombinedOutput()
	if err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
}

func runRecoverChild(t *testing.T, dir string, env ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(append(os.Environ(), recoverEnv+"="+filepath.Join(dir, FileName)), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

// TestKillDuringRecoveryKeepsABackupInPlace kills a process at random points
// of its recovery of a damaged file, 30 times; every next start must find
// the backup's notes (never a silent empty start), and no temp file stays.
func TestKillDuringRecoveryKeepsABackupInPlace(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a recovery 30 times")
	}
	const runs, notes = 30, 40
	template := damagedWithBackup(t, notes)

	// How long a whole recovery takes, to spread the kills over it.
	probe := t.TempDir()
	copyDir(t, template, probe)
	cmd := runRecoverChild(t, probe)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("ok")) {
		t.Fatalf("recovery child: %v %s", err, out)
	}
	whole := time.Since(start)

	rng := rand.New(rand.NewPCG(13, 4))
	silentEmpty, restored, damagedLeft := 0, 0, 0
	for run := 0; run < runs; run++ {
		dir := t.TempDir()
		copyDir(t, template, dir)
		cmd := runRecoverChild(t, dir)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// A kill is the event under test: its moment is random by design.
		time.Sleep(time.Duration(rng.Int64N(int64(whole))))
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		if exists(filepath.Join(dir, FileName)) {
			if v := diagnoseFile(filepath.Join(dir, FileName), time.Second); v.kind != verdictOK {
				damagedLeft++ // killed before the swap: the next start recovers
			}
		}

		s := openAt(t, dir, nil)
		got, err := s.Notes()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case len(got) == notes:
			restored++
		case len(got) == 0 && s.Recovery() == nil:
			silentEmpty++
		}
		if len(got) != notes {
			t.Errorf("run %d: %d notes after the kill (report %v), want %d", run, len(got), s.Recovery(), notes)
		}
		s.Close()
		if temps, _ := filepath.Glob(filepath.Join(dir, ".restore-*")); len(temps) != 0 {
			t.Errorf("run %d: temp files left after the next start: %v", run, temps)
		}
	}
	t.Logf("%d kills over a %s recovery: %d restored, %d silent empty starts, %d killed before the swap",
		runs, whole.Round(time.Millisecond), restored, silentEmpty, damagedLeft)
	if silentEmpty != 0 {
		t.Fatalf("%d silent empty starts", silentEmpty)
	}
}

func TestFullDiskDuringRestoreChangesNothing(t *testing.T) {
	dir := damagedWithBackup(t, 200)
	path := filepath.Join(dir, FileName)
	sum := fileSHA(t, path)
	cmd := runRecoverChild(t, dir, fsizeEnv+"=16384") // the backup is larger
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Nothing was changed") {
		t.Fatalf("restore on a full disk: %v %s", err, out)
	}
	if fileSHA(t, path) != sum {
		t.Fatal("the damaged database was changed or removed")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".restore-*")); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
	// Space is back: the next start restores.
	s := openAt(t, dir, nil)
	defer s.Close()
	if n, _ := s.Notes(); len(n) != 200 || s.Recovery() == nil || s.Recovery().RestoredFrom == "" {
		t.Fatalf("after space was freed: %d notes, report %+v", len(n), s.Recovery())
	}
}

func TestStartWithoutDatabaseRestoresTheBackup(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	seedStore(t, s, 10, "kept")
	backup, err := s.BackupDaily()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Remove(filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, dir, nil)
	defer s.Close()
	r := s.Recovery()
	if r == nil || !r.Missing || r.RestoredFrom != backup || !strings.Contains(r.Message(), "missing") {
		t.Fatalf("report: %+v", r)
	}
	if n, _ := s.Notes(); len(n) != 10 {
		t.Fatalf("%d notes", len(n))
	}
	// A first start, with nothing around, is quiet.
	fresh := openAt(t, t.TempDir(), nil)
	defer fresh.Close()
	if fresh.Recovery() != nil {
		t.Fatalf("first start reported %+v", fresh.Recovery())
	}
}

func TestStartWithOnlyADamagedCopySaysSo(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	seedStore(t, s, 10, "lost")
	s.Close()
	path := filepath.Join(dir, FileName)
	if err := os.Rename(path, path+".damaged-20250101-000000"); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, dir, nil)
	defer s.Close()
	r := s.Recovery()
	if r == nil || !r.Missing || r.Damaged != path+".damaged-20250101-000000" || !strings.Contains(r.Message(), "empty database") {
		t.Fatalf("report: %+v", r)
	}
}

func TestManualBackupsAreUsedForRecoveryAndPruned(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	s := openAt(t, dir, c)
	seedStore(t, s, 20, "manual")
	bdir := filepath.Join(dir, backupDirName)
	var manual []string
	for i := 0; i < 10; i++ {
		p := filepath.Join(bdir, "reader-"+c.Now().In(time.Local).Format(backupLayout)+"-manual.db")
		if err := os.MkdirAll(bdir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := s.Backup(p); err != nil {
			t.Fatal(err)
		}
		manual = append(manual, p)
		c.Advance(time.Hour)
	}
	c.Advance(24 * time.Hour)
	if _, err := s.BackupDaily(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for i, p := range manual {
		if want := i >= 3; exists(p) != want {
			t.Errorf("manual backup %d kept=%v, want %v", i, exists(p), want)
		}
	}
	// Only a manual backup is good: recovery uses it.
	list, _ := listBackups(bdir)
	for _, b := range list {
		if !b.manual {
			truncate(t, b.path, 100)
		}
	}
	truncate(t, filepath.Join(dir, FileName), 0)
	s = openAt(t, dir, c)
	defer s.Close()
	if r := s.Recovery(); r == nil || r.RestoredFrom != manual[9] {
		t.Fatalf("report: %+v", r)
	}
}

func TestDailyBackupsKeepTheLastGoodOneWhenTheDatabaseEmpties(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	s := openAt(t, dir, c)
	seedStore(t, s, 300, "precious")
	good, err := s.BackupDaily()
	if err != nil || good == "" {
		t.Fatal(good, err)
	}
	s.Close()
	// The database is replaced by an empty one (by some accident).
	emptyDir := t.TempDir()
	openAt(t, emptyDir, nil).Close()
	if err := copyFile(filepath.Join(emptyDir, FileName), filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
	for day := 0; day < 10; day++ {
		c.Advance(24 * time.Hour)
		s := openAt(t, dir, c)
		if _, err := s.BackupDaily(); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	if !exists(good) {
		t.Fatal("ten daily backups of an empty database pushed the good backup out")
	}
	list, _ := listBackups(filepath.Join(dir, backupDirName))
	if len(list) != backupKeep+1 {
		t.Errorf("%d backups kept, want %d", len(list), backupKeep+1)
	}
}

func TestKilledBackupTempFilesAreRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	openAt(t, dir, nil).Close()
	bdir := filepath.Join(dir, backupDirName)
	if err := os.MkdirAll(bdir, 0o700); err != nil {
		t.Fatal(err)
	}
	stale := []string{
		filepath.Join(bdir, ".reader-backup-1234.tmp"),
		filepath.Join(dir, ".reader-backup-99.tmp"),
		filepath.Join(dir, ".restore-5678.tmp"),
	}
	mine := []string{filepath.Join(dir, ".my-own.tmp"), filepath.Join(bdir, "notes.txt")}
	for _, p := range append(append([]string{}, stale...), mine...) {
		write(t, p, bytes.Repeat([]byte("x"), 1<<16))
	}
	s := openAt(t, dir, nil)
	defer s.Close()
	for _, p := range stale {
		if exists(p) {
			t.Errorf("%s left in place", p)
		}
	}
	for _, p := range mine {
		if !exists(p) {
			t.Errorf("%s, not ours, was removed", p)
		}
	}
}
