//go:build e2e

// Package e2e drives the built binary in a real window under Xvfb with
// xdotool, the way a person would, and keeps screenshots in E2E_OUT.
// Run it through `make e2e-test`.
package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
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

// appName ends every title of the main window ("Data — Roadmap Reader").
const appName = "Roadmap Reader"

// waitLimit bounds every wait on a condition. The waits end as soon as the
// condition holds; the limit only turns a hang into a clear failure, and is
// generous because the machine may be busy.
const waitLimit = 60 * time.Second

// waitFor polls cond until it holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", waitLimit, what)
		}
		time.Sleep(40 * time.Millisecond) // the polling pace, not a guess at how long anything takes
	}
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
	deadline := time.Now().Add(waitLimit)
	for s.win == "" {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("the program ended before its window appeared (%v): %s", err, s.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no window within %v; stderr:\n%s", waitLimit, s.stderr.String())
		}
		o, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", appName+"$").Output()
		if ids := strings.Fields(string(o)); len(ids) > 0 {
			s.win = ids[len(ids)-1]
			break
		}
		time.Sleep(40 * time.Millisecond)
	}
	s.ready = time.Since(begin)
	t.Logf("window mapped %v after start", s.ready.Round(time.Millisecond))
	s.x("windowfocus", "--sync", s.win)
	return s, nil
}

func (s *session) x(args ...string) {
	s.t.Helper()
	if o, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		s.t.Fatalf("xdotool %v: %v\n%s", args, err, o)
	}
}

// key sends keys (xdotool names) to the window. The window handles them in
// order; tests wait on what they change, not on time.
func (s *session) key(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.x("key", "--clearmodifiers", k)
	}
}

func (s *session) typeText(text string) {
	s.t.Helper()
	s.x("type", "--delay", "20", text)
}

// title is the main window's title now.
func (s *session) title() string {
	o, _ := exec.Command("xdotool", "getwindowname", s.win).Output()
	return strings.TrimSpace(string(o))
}

// waitTitle waits until the window shows a topic: its title names it.
func (s *session) waitTitle(topic string) {
	s.t.Helper()
	want := topic + " — " + appName
	waitFor(s.t, "the window title "+want+" (it is "+s.title()+")", func() bool { return s.title() == want })
}

// waitWindow waits until a window with this exact name is shown.
func (s *session) waitWindow(name string) {
	s.t.Helper()
	waitFor(s.t, "a window named "+name, func() bool {
		o, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+name+"$").Output()
		return len(strings.Fields(string(o))) > 0
	})
}

// grab captures the screen.
func (s *session) grab(path string) image.Image {
	s.t.Helper()
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
	return img
}

// shot captures the screen into out/name.png once it has settled: three
// captures in a row alike and not blank (the keys sent are handled and
// drawn; the caret aside).
func (s *session) shot(name string) image.Image {
	s.t.Helper()
	path := filepath.Join(out, name+".png")
	var prev, img image.Image
	same := 0
	waitFor(s.t, "the screen to settle for "+name, func() bool {
		img = s.grab(path)
		if prev != nil && diff(prev, img) < 0.0005 && colours(img) >= 50 {
			same++
		} else {
			same = 0
		}
		prev = img
		return same >= 2
	})
	return img
}

// shotLike waits until the screen shows what want showed (at most frac of
// the pixels differ) and keeps it as out/name.png.
func (s *session) shotLike(name string, want image.Image, frac float64, what string) image.Image {
	s.t.Helper()
	path := filepath.Join(out, name+".png")
	var img image.Image
	d := 1.0
	deadline := time.Now().Add(waitLimit)
	for {
		img = s.grab(path)
		if d = diff(want, img); d <= frac {
			return img
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: after %v still %.1f%% of pixels differ (see %s)", what, waitLimit, d*100, path)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// waitChange waits until the screen differs from before by more than frac.
func (s *session) waitChange(what string, before image.Image, frac float64) {
	s.t.Helper()
	path := filepath.Join(out, "wait.png")
	waitFor(s.t, what, func() bool { return diff(before, s.grab(path)) > frac })
}

// waitExit waits for the program to end by itself.
func (s *session) waitExit() {
	s.t.Helper()
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Fatalf("exit: %v\nstderr:\n%s", err, s.stderr.String())
		}
	case <-time.After(waitLimit):
		s.t.Fatalf("still running %v after quitting; stderr:\n%s", waitLimit, s.stderr.String())
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

// progress reads the reading progress the program stored, as the command
// line sees it.
func progress(t *testing.T, data string) map[string]struct{ Scroll, Furthest float64 } {
	t.Helper()
	o, e, err := cli(t, data, "export", "--format", "json")
	if err != nil {
		t.Fatalf("export: %v\n%s", err, e)
	}
	var ex struct {
		Progress []struct {
			Topic            string
			Scroll, Furthest float64
		}
	}
	if err := json.Unmarshal([]byte(o), &ex); err != nil {
		t.Fatalf("export: %v\n%s", err, o)
	}
	out := map[string]struct{ Scroll, Furthest float64 }{}
	for _, p := range ex.Progress {
		out[p.Topic] = struct{ Scroll, Furthest float64 }{p.Scroll, p.Furthest}
	}
	return out
}

// TestReadNavigateAndRestore: open a topic from the sidebar by keyboard, go
// back, scroll, quit, start again: the same topic at the same place.
func TestReadNavigateAndRestore(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.waitTitle("Introduction")
	intro := s.shot("01-start-introduction")
	// Contents by keyboard: focus the tree, move to the Resource part, open
	// its first topic (Data) with Enter.
	s.key("ctrl+shift+c", "Down", "Right", "Return")
	s.waitTitle("Data")
	s.waitChange("Data to be drawn", intro, 0.05)
	data1 := s.shot("02-data-from-sidebar")
	s.key("ctrl+Next") // next topic: Knowledge
	s.waitTitle("Knowledge")
	s.waitChange("Knowledge to be drawn", data1, 0.05)
	s.shot("03-knowledge")
	s.key("alt+Left") // back to Data
	s.waitTitle("Data")
	back := s.shotLike("04-back-to-data", data1, 0.02, "Back did not return to the same view of Data")
	// scroll down with the mouse wheel over the reader (the keyboard focus
	// is still in Contents), so the restore has a position to restore
	s.x("mousemove", "--window", s.win, "700", "450", "click", "--repeat", "12", "5")
	s.waitChange("the wheel to scroll the reader", back, 0.05)
	before := s.shot("05-data-scrolled")
	s.key("ctrl+q")
	s.waitExit()
	if p, ok := progress(t, data)["data"]; !ok || p.Scroll <= 0 || p.Furthest <= 0 {
		t.Fatalf("stored progress of Data after scrolling and quitting: %+v (%v)", p, ok)
	}

	s2 := start(t, data)
	s2.waitTitle("Data")
	s2.shotLike("06-restarted", before, 0.03, "after a restart the window is not where the reader left it")
	s2.key("ctrl+q")
	s2.waitExit()
	t.Logf("start-up to a mapped window: %v", s2.ready)
}

// TestBookmarkNoteQuitAndCheck: open a topic, Ctrl+D, Ctrl+N, type, Ctrl+Q;
// the command line then sees the note and the bookmark, and the palette
// finds the note again despite a typo.
func TestBookmarkNoteQuitAndCheck(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.waitTitle("Introduction")
	s.key("ctrl+Next", "ctrl+Next", "ctrl+Next") // introduction → data → knowledge → computing system
	s.waitTitle("Computing System")
	s.key("ctrl+d")
	s.key("ctrl+n")
	s.typeText("Accelerators matter #hardware")
	s.shot("10-note-typed")
	s.key("ctrl+q") // before the autosave second has passed
	s.waitExit()

	notes := records(t, data, "notes")
	if len(notes) != 1 || notes[0].Body != "Accelerators matter #hardware" || !strings.HasPrefix(notes[0].Location, "computing-system") {
		t.Fatalf("notes after Ctrl+Q: %+v", notes)
	}
	bms := records(t, data, "bookmarks")
	if len(bms) != 1 || !strings.HasPrefix(bms[0].Location, "computing-system#") {
		t.Fatalf("bookmarks after Ctrl+D: %+v", bms)
	}
	// start again elsewhere: the palette finds the note, and Enter opens it
	s2 := start(t, data)
	s2.waitTitle("Computing System")
	s2.key("ctrl+Next")
	s2.waitTitle("Parallel Training System")
	s2.key("ctrl+k")
	s2.typeText("acelerators")
	s2.shot("11-palette-typo")
	s2.key("Return")
	s2.waitTitle("Computing System")
	s2.key("ctrl+q")
	s2.waitExit()
}

// TestSIGTERMSavesTheNote: a logout sends SIGTERM; the note being typed is saved.
func TestSIGTERMSavesTheNote(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.waitTitle("Introduction")
	s.key("ctrl+n")
	s.typeText("saved on SIGTERM")
	// F9 hides the sidebar: once the screen shows that, the window has
	// handled every key typed before it.
	typed := s.shot("30-typed")
	s.key("F9")
	s.waitChange("F9 to hide the sidebar", typed, 0.05)
	s.cmd.Process.Signal(syscall.SIGTERM)
	s.waitExit()
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
	s.waitTitle("Introduction")
	begin := time.Now()
	_, e, err := cli(t, data, "notes")
	took := time.Since(begin)
	if err == nil {
		t.Fatal("the command line opened a database the window holds")
	}
	if !strings.Contains(e, "Roadmap Reader is already open (database") || !strings.Contains(e, "is in use)") {
		t.Fatalf("message = %q", e)
	}
	if took > 10*time.Second {
		t.Fatalf("took %v to say the database is in use (it waits 1 s for the lock)", took)
	}
	s.key("ctrl+q")
	s.waitExit()
}

// TestNoDisplayIsToldPlainly: with no display to open a window on, the
// program says so and exits, leaving its notes file closed cleanly (the
// next start does not check the whole file).
func TestNoDisplayIsToldPlainly(t *testing.T) {
	data := t.TempDir()
	cmd := exec.Command(bin, "--data", data)
	cmd.Env = append(os.Environ(), "DISPLAY=:1999", "WAYLAND_DISPLAY=")
	var e bytes.Buffer
	cmd.Stderr = &e
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("exit = %v, want status 1; stderr:\n%s", err, e.String())
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running a minute later with no display; stderr:\n%s", e.String())
	}
	if !strings.Contains(e.String(), "no window can open: the display \":1999\" did not answer") || strings.Contains(e.String(), "panic:") {
		t.Errorf("stderr = %q", e.String())
	}
	if _, err := os.Stat(filepath.Join(data, "reader.db.clean")); err != nil {
		t.Errorf("the notes file was not closed cleanly: %v", err)
	}
}

// TestKeyboardTour walks the main panels by keyboard alone, checks what each
// step did, and keeps the screenshots the README shows.
func TestKeyboardTour(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.waitTitle("Introduction")
	// a question typed the way people ask, and Enter at once
	s.key("ctrl+k")
	s.typeText("who built wudao")
	s.key("Return")
	s.waitTitle("Language Model") // BAAI built Wu Dao: the Chinese models of the Language Model chapter
	s.key("ctrl+k")
	s.typeText("pts")
	s.shot("20-search-palette")
	s.key("Return") // the first result: the search worker's answer
	s.waitTitle("Parallel Training System")
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
	s.waitWindow("Keyboard shortcuts — " + appName)
	s.shot("25-shortcut-sheet")
	s.key("Escape")
	s.x("windowfocus", "--sync", s.win)
	s.key("ctrl+q")
	s.waitExit()
	notes := records(t, data, "notes")
	if len(notes) != 1 || !strings.HasPrefix(notes[0].Body, "ZeRO shards") || !strings.HasPrefix(notes[0].Location, "parallel-training-system") {
		t.Fatalf("notes after the tour: %+v", notes)
	}
	if bms := records(t, data, "bookmarks"); len(bms) != 1 || !strings.HasPrefix(bms[0].Location, "parallel-training-system") {
		t.Fatalf("bookmarks after the tour: %+v", bms)
	}
}
