package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// A file is diagnosed in a child process because bbolt may panic, fault on
// its memory map, or loop forever on a damaged file; the child's crash or
// silence is the verdict, and the parent stays alive to recover.
const (
	diagnoseEnv        = "ROADMAP_READER_DIAGNOSE"         // the path to diagnose
	diagnoseTimeoutEnv = "ROADMAP_READER_DIAGNOSE_TIMEOUT" // how long to wait for a lock

	childMarker = "roadmap-reader-diagnose:"

	exitOK      = 0
	exitDamaged = 3
	exitLocked  = 4
	exitError   = 5
)

// diagnoseLimit is how long a diagnosis of a small file may take before the
// file is judged damaged (bbolt looping on it); a variable so tests can
// shorten it. A larger file gets diagnoseRate more: the check reads every
// page, and a 485 MB file (100,000 notes) read from a cold disk cache took
// 12 s here, which must not pass for a loop.
var diagnoseLimit = 10 * time.Second

// diagnoseRate is the slowest reading speed the limit allows for, in bytes a
// second: a quarter of what a cold read measured here.
const diagnoseRate = 10 << 20

// diagnoseLimitFor is the time limit for diagnosing a file of size bytes.
func diagnoseLimitFor(size int64) time.Duration {
	return diagnoseLimit + time.Duration(size/diagnoseRate)*time.Second
}

type verdictKind int

const (
	verdictOK verdictKind = iota
	verdictDamaged
	verdictLocked
	verdictError // the diagnosis itself could not run: not a statement about the file
)

type verdict struct {
	kind   verdictKind
	reason string // for damaged
	err    error  // for error
}

// RunChildIfRequested must be the first thing main (and TestMain) calls: in
// a diagnose child it checks the file named by the environment, prints the
// verdict and exits; in any other process it returns at once.
func RunChildIfRequested() {
	path := os.Getenv(diagnoseEnv)
	if path == "" {
		return
	}
	// The first line proves the child is ours before it touches the file:
	// a crash or hang after it is the file's doing.
	fmt.Printf("%s start\n", childMarker)
	timeout, err := time.ParseDuration(os.Getenv(diagnoseTimeoutEnv))
	if err != nil || timeout <= 0 {
		timeout = defaultTimeout
	}
	v := diagnoseHere(path, timeout)
	switch v.kind {
	case verdictOK:
		fmt.Printf("%s ok\n", childMarker)
		os.Exit(exitOK)
	case verdictLocked:
		fmt.Printf("%s locked\n", childMarker)
		os.Exit(exitLocked)
	case verdictDamaged:
		fmt.Printf("%s damaged %s\n", childMarker, oneLine(v.reason))
		os.Exit(exitDamaged)
	default:
		fmt.Printf("%s error %s\n", childMarker, oneLine(v.err.Error()))
		os.Exit(exitError)
	}
}

// diagnoseHere does the risky part: open read-only (it never writes), run
// tx.Check and read every value, decoding every note.
func diagnoseHere(path string, lockTimeout time.Duration) verdict {
	info, err := os.Stat(path)
	if err != nil {
		return verdict{kind: verdictError, err: err}
	}
	if info.Size() == 0 {
		return verdict{kind: verdictDamaged, reason: "the file is empty (0 bytes)"}
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockTimeout})
	if err != nil {
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return verdict{kind: verdictLocked}
		case errors.Is(err, os.ErrPermission):
			return verdict{kind: verdictError, err: err}
		}
		return verdict{kind: verdictDamaged, reason: fmt.Sprintf("bbolt cannot open it: %v", err)}
	}
	defer db.Close()
	var reason string
	err = db.View(func(tx *bolt.Tx) error {
		var problems []string
		for err := range tx.Check() {
			if len(problems) < 3 {
				problems = append(problems, err.Error())
			}
		}
		if len(problems) > 0 {
			reason = "integrity check failed: " + strings.Join(problems, "; ")
			return nil
		}
		if ver, err := schemaVersion(tx); err != nil {
			reason = err.Error()
			return nil
		} else if ver == 0 && tx.Bucket(bucketNotes) == nil {
			// A bbolt file, but not ours and not one we made (Open always
			// writes the schema in its first transaction).
			if tx.Bucket(bucketMeta) == nil && hasBuckets(tx) {
				reason = "it is a bbolt database of another program"
			}
			return nil
		}
		return readAll(tx)
	})
	if err != nil {
		reason = err.Error()
	}
	if reason != "" {
		return verdict{kind: verdictDamaged, reason: reason}
	}
	return verdict{kind: verdictOK}
}

func hasBuckets(tx *bolt.Tx) bool {
	found := false
	_ = tx.ForEach(func([]byte, *bolt.Bucket) error { found = true; return nil })
	return found
}

// readAll touches every page by reading every value, and decodes the notes.
// A note that fails its checksum is the note's problem, reported when read,
// not a reason to set the whole file aside.
func readAll(tx *bolt.Tx) error {
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				if sub := b.Bucket(k); sub != nil {
					return walk(sub)
				}
			}
			return nil
		})
	}
	if err := tx.ForEach(func(name []byte, b *bolt.Bucket) error { return walk(b) }); err != nil {
		return err
	}
	if nb := tx.Bucket(bucketNotes); nb != nil {
		return nb.ForEach(func(k, v []byte) error {
			var n Note
			_ = json.Unmarshal(v, &n)
			return nil
		})
	}
	return nil
}

// diagnoseFile runs the diagnosis of path in a child process: this very
// program, re-executed.
func diagnoseFile(path string, lockTimeout time.Duration) verdict {
	exe, err := os.Executable()
	if err != nil {
		return verdict{kind: verdictError, err: fmt.Errorf("diagnose: %w", err)}
	}
	return diagnoseWith(exe, path, lockTimeout)
}

func diagnoseWith(exe, path string, lockTimeout time.Duration) verdict {
	var size int64
	if info, err := os.Stat(path); err == nil {
		size = info.Size()
	}
	limit := diagnoseLimitFor(size)
	ctx, cancel := context.WithTimeout(context.Background(), limit+lockTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	// The arguments matter only to a binary that forgot RunChildIfRequested:
	// a test binary then runs no tests, and the app rejects an unknown
	// command, so the mistake shows at once instead of after the time limit.
	cmd := exec.CommandContext(ctx, exe, "-test.run=^$", "-test.bench=^$", "-test.fuzz=^$")
	cmd.Env = append(os.Environ(), diagnoseEnv+"="+path, diagnoseTimeoutEnv+"="+lockTimeout.String())
	cmd.Stdout, cmd.Stderr = &limitWriter{&stdout, 64 << 10}, &limitWriter{&stderr, 64 << 10}
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()

	started := false
	for _, line := range strings.Split(stdout.String(), "\n") {
		rest, ok := strings.CutPrefix(line, childMarker+" ")
		if !ok {
			continue
		}
		word, detail, _ := strings.Cut(rest, " ")
		switch word {
		case "start":
			started = true
		case "ok":
			return verdict{kind: verdictOK}
		case "locked":
			return verdict{kind: verdictLocked}
		case "damaged":
			return verdict{kind: verdictDamaged, reason: detail}
		case "error":
			return verdict{kind: verdictError, err: fmt.Errorf("diagnose %s: %s", path, detail)}
		}
	}
	if !started {
		return verdict{kind: verdictError, err: fmt.Errorf("diagnose %s: %s did not run the diagnosis (main must call storage.RunChildIfRequested first): %v %s",
			path, exe, runErr, firstLine(stderr.String()))}
	}
	if ctx.Err() != nil {
		return verdict{kind: verdictDamaged, reason: fmt.Sprintf("checking it did not finish within %s", limit)}
	}
	return verdict{kind: verdictDamaged, reason: fmt.Sprintf("reading it crashed the check (%v: %s)", runErr, firstLine(stderr.String()))}
}

// limitWriter keeps the first n bytes and discards the rest, so a child
// that loops printing cannot fill the parent's memory.
type limitWriter struct {
	buf *bytes.Buffer
	n   int
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if room := w.n - w.buf.Len(); room > 0 {
		w.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// oneLine folds a reason onto one short line for the verdict and the dialog.
func oneLine(s string) string {
	return clip(strings.Join(strings.Fields(s), " "), 240)
}
