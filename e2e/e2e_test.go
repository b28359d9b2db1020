//go:build e2e

// Package e2e drives the built binary in a real window under Xvfb with
// xdotool, the way a person would, and keeps screenshots in E2E_OUT.
// Run it through `make e2e-test`.
package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	bin = os.Getenv("E2E_BIN")
	out = os.Getenv("E2E_OUT")
)

func TestMain(m *testing.M) {
	if bin == "" || os.Getenv("DISPLAY") == "" {
		fmt.Println("e2e: needs E2E_BIN and an X display; run `make e2e-test`")
		os.Exit(1)
	}
	if out == "" {
		out = os.TempDir()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Println("e2e:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// session is one run of the window.
type session struct {
	t      *testing.T
	data   string
	cmd    *exec.Cmd
	win    string
	stderr bytes.Buffer
	done   chan error
	ready  time.Duration
}

func start(t *testing.T, data string) *session {
	t.Helper()
	// Now and then GLFW cannot open the Xvfb display for a fresh client
	// ("PlatformUnavailable"); that is the test bed, not the program, so it
	// gets another try.
	for try := 1; ; try++ {
		s, err := launch(t, data)
		if err == nil {
			return s
		}
		if try == 3 || !strings.Contains(err.Error(), "failed to initialise GLFW") {
			t.Fatal(err)
		}
		t.Logf("try %d: %v", try, err)
		time.Sleep(time.Second)
	}
}

func launch(t *testing.T, data string) (*session, error) {
	s := &session{t: t, data: data, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, "--data", data)
	s.cmd.Stderr = &s.stderr
	s.cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	begin := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			<-s.done
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && s.win == "" {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("the program ended before its window appeared (%v): %s", err, s.stderr.String())
		default:
		}
		o, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Roadmap Reader$").Output()
		if ids := strings.Fields(string(o)); len(ids) > 0 {
			s.win = ids[len(ids)-1]
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if s.win == "" {
		return nil, fmt.Errorf("no window within 60 s; stderr:\n%s", s.stderr.String())
	}
	s.ready = time.Since(begin)
	t.Logf("window mapped %v after start", s.ready.Round(time.Millisecond))
	time.Sleep(1500 * time.Millisecond) // the first frames and the restore of the reading position
	s.x("windowfocus", "--sync", s.win)
	return s, nil
}

func (s *session) x(args ...string) {
	s.t.Helper()
	if o, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		s.t.Fatalf("xdotool %v: %v\n%s", args, err, o)
	}
}

// key presses keys (xdotool names) with a pause for the window to follow.
func (s *session) key(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.x("key", "--clearmodifiers", k)
		time.Sleep(350 * time.Millisecond)
	}
}

func (s *session) typeText(text string) {
	s.t.Helper()
	s.x("type", "--delay", "40", text)
	time.Sleep(300 * time.Millisecond)
}

// shot captures the screen into out/name.png and checks it is not blank.
func (s *session) shot(name string) image.Image {
	s.t.Helper()
	time.Sleep(400 * time.Millisecond)
	path := filepath.Join(out, name+".png")
	if o, err := exec.Command("import", "-window", "root", path).CombinedOutput(); err != nil {
		s.t.Fatalf("import: %v\n%s", err, o)
	}
	f, err := os.Open(path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		s.t.Fatal(err)
	}
	if n := colours(img); n < 50 {
		s.t.Fatalf("%s looks blank: %d colours", path, n)
	}
	return img
}

// waitExit waits for the program to end by itself.
func (s *session) waitExit(limit time.Duration) {
	s.t.Helper()
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Fatalf("exit: %v\nstderr:\n%s", err, s.stderr.String())
		}
	case <-time.After(limit):
		s.t.Fatalf("still running %v after quitting; stderr:\n%s", limit, s.stderr.String())
	}
}

func colours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	return len(seen)
}

// diff is the fraction of sampled pixels that differ between two shots.
func diff(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	n, d := 0, 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			n++
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			if ar != br || ag != bg || ab != bb {
				d++
			}
		}
	}
	return float64(d) / float64(n)
}

// cli runs a subcommand against the same data folder.
func cli(t *testing.T, data string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--data", data}, args...)...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	return o.String(), e.String(), err
}

type record struct {
	Kind, Path, Location, Snippet, ID, Body, Label string
	Tags                                           []string
}

func records(t *testing.T, data, what string) []record {
	t.Helper()
	o, e, err := cli(t, data, what, "--json")
	if err != nil {
		t.Fatalf("%s --json: %v\n%s", what, err, e)
	}
	var rs []record
	if err := json.Unmarshal([]byte(o), &rs); err != nil {
		t.Fatalf("%s --json: %v\n%s", what, err, o)
	}
	return rs
}

// TestReadNavigateAndRestore: open a topic from the sidebar by keyboard, go
// back, scroll, quit, start again: the same topic at the same place.
func TestReadNavigateAndRestore(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.shot("01-start-introduction")
	// Contents by keyboard: focus the tree, move to the Resource part, open
	// its first topic (Data) with Enter.
	s.key("ctrl+shift+c", "Down", "Right", "Return")
	data1 := s.shot("02-data-from-sidebar")
	s.key("ctrl+Next") // next topic: Knowledge
	s.shot("03-knowledge")
	s.key("alt+Left") // back to Data
	back := s.shot("04-back-to-data")
	if d := diff(data1, back); d > 0.02 {
		t.Errorf("Back did not return to the same view of Data: %.1f%% of pixels differ", d*100)
	}
	// scroll down a few pages so the restore has a position to restore
	s.key("Next", "Next", "Next")
	before := s.shot("05-data-scrolled")
	s.key("ctrl+q")
	s.waitExit(10 * time.Second)

	s2 := start(t, data)
	after := s2.shot("06-restarted")
	if d := diff(before, after); d > 0.03 {
		t.Errorf("after a restart the window is not where the reader left it: %.1f%% of pixels differ", d*100)
	}
	s2.key("ctrl+q")
	s2.waitExit(10 * time.Second)
	t.Logf("start-up to a mapped window: %v", s2.ready)
}

// TestBookmarkNoteQuitAndCheck: open a topic, Ctrl+D, Ctrl+N, type, Ctrl+Q;
// the command line then sees the note and the bookmark.
func TestBookmarkNoteQuitAndCheck(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.key("ctrl+Next", "ctrl+Next", "ctrl+Next") // introduction → data → knowledge → computing system
	s.key("ctrl+d")
	s.key("ctrl+n")
	s.typeText("Accelerators matter #hardware")
	s.shot("10-note-typed")
	s.key("ctrl+q") // before the autosave second has passed
	s.waitExit(10 * time.Second)

	notes := records(t, data, "notes")
	if len(notes) != 1 || notes[0].Body != "Accelerators matter #hardware" || !strings.HasPrefix(notes[0].Location, "computing-system") {
		t.Fatalf("notes after Ctrl+Q: %+v", notes)
	}
	bms := records(t, data, "bookmarks")
	if len(bms) != 1 || !strings.HasPrefix(bms[0].Location, "computing-system#") {
		t.Fatalf("bookmarks after Ctrl+D: %+v", bms)
	}
	// start again: the note is found by search, from the palette
	s2 := start(t, data)
	s2.key("ctrl+k")
	s2.typeText("acelerators")
	s2.shot("11-palette-typo")
	s2.key("Escape", "ctrl+q")
	s2.waitExit(10 * time.Second)
}

// TestSIGTERMSavesTheNote: a logout sends SIGTERM; the note being typed is saved.
func TestSIGTERMSavesTheNote(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.key("ctrl+n")
	s.typeText("saved on SIGTERM")
	s.cmd.Process.Signal(syscall.SIGTERM)
	s.waitExit(10 * time.Second)
	notes := records(t, data, "notes")
	if len(notes) != 1 || notes[0].Body != "saved on SIGTERM" {
		t.Fatalf("notes after SIGTERM: %+v", notes)
	}
}

// TestSecondInstanceIsToldPlainly: while the window holds the database, the
// command line says so within seconds.
func TestSecondInstanceIsToldPlainly(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	begin := time.Now()
	_, e, err := cli(t, data, "notes")
	took := time.Since(begin)
	if err == nil {
		t.Fatal("the command line opened a database the window holds")
	}
	if !strings.Contains(e, "Roadmap Reader is already open (database") || !strings.Contains(e, "is in use)") {
		t.Fatalf("message = %q", e)
	}
	if took > 3*time.Second {
		t.Fatalf("took %v to say the database is in use", took)
	}
	s.key("ctrl+q")
	s.waitExit(10 * time.Second)
}

// TestKeyboardTour walks the main panels by keyboard alone and keeps the
// screenshots the README shows.
func TestKeyboardTour(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.key("ctrl+k")
	s.typeText("pts")
	s.shot("20-search-palette")
	s.key("Return")
	s.shot("21-parallel-training-system")
	s.key("ctrl+f")
	s.typeText("pipeline")
	s.key("F3", "F3")
	s.shot("22-find-in-chapter")
	s.key("Escape")
	s.key("ctrl+d", "ctrl+n")
	s.typeText("ZeRO shards optimizer state across data-parallel ranks. #memory")
	s.shot("23-notes-panel")
	s.key("Escape", "ctrl+b")
	s.shot("24-bookmarks")
	s.key("F1")
	s.shot("25-shortcut-sheet")
	s.key("Escape")
	s.x("windowfocus", "--sync", s.win)
	s.key("ctrl+q")
	s.waitExit(10 * time.Second)
}
