package app

import (
	"os"
	"os/exec"
	"slices"
	"testing"
)

func TestVoiceCommand(t *testing.T) {
	for _, tt := range []struct {
		voice string
		wpm   int
		want  []string
	}{
		{"spd-say", 175, []string{"-w", "-l", "en", "-r", "0", "--", "Hello."}},
		{"spd-say", 350, []string{"-w", "-l", "en", "-r", "100", "--", "Hello."}},
		{"spd-say", 500, []string{"-w", "-l", "en", "-r", "100", "--", "Hello."}},
		{"spd-say", 140, []string{"-w", "-l", "en", "-r", "-20", "--", "Hello."}},
		{"espeak-ng", 210, []string{"-v", "en-us", "-s", "210", "--", "Hello."}},
	} {
		cmd := Voice{Name: tt.voice, Path: "/usr/bin/" + tt.voice}.Command("Hello.", tt.wpm)
		if got := cmd.Args[1:]; !slices.Equal(got, tt.want) {
			t.Errorf("%s at %d: args %q, want %q", tt.voice, tt.wpm, got, tt.want)
		}
	}
}

// espeakVoice is the real espeak-ng; with no sound card it still runs
// (and ends) as on a desktop.
func espeakVoice(t *testing.T) Voice {
	p, err := exec.LookPath("espeak-ng")
	if err != nil {
		if os.Getenv("ROADMAP_READER_REQUIRE_TOOLS") != "" {
			t.Fatal("espeak-ng is not installed")
		}
		t.Skip("espeak-ng is not installed")
	}
	return Voice{Name: "espeak-ng", Path: p}
}

// speechLog collects what a speaker reports, on the test's goroutine.
type speechLog struct {
	q      chan func()
	begun  []int
	states []SpeechState
}

func newSpeechLog(s *Speaker) *speechLog {
	l := &speechLog{q: make(chan func(), 1024)}
	s.OnUtterance = func(i int, _ Utterance) { l.begun = append(l.begun, i) }
	s.OnState = func(st SpeechState, err error) { l.states = append(l.states, st) }
	return l
}

// drain runs what the speaker handed over so far.
func (l *speechLog) drain() {
	for {
		select {
		case f := <-l.q:
			f()
		default:
			return
		}
	}
}

func TestSpeakerReadsPausesResumesStops(t *testing.T) {
	var l *speechLog
	s := NewSpeaker(espeakVoice(t), func(f func()) { l.q <- f })
	l = newSpeechLog(s)
	items := []Utterance{{Text: "One."}, {Text: "Two."}, {Text: "Three."}}

	s.Start(items, 200)
	s.Wait()
	l.drain()
	if !slices.Equal(l.begun, []int{0, 1, 2}) {
		t.Fatalf("utterances begun %v, want 0 1 2", l.begun)
	}
	if st, cur := s.State(); st != SpeechIdle || cur != 0 {
		t.Fatalf("after the end: state %v at %d", st, cur)
	}
	if l.states[len(l.states)-1] != SpeechIdle {
		t.Errorf("the window was not told reading ended: %v", l.states)
	}

	// pause: nothing more is begun until Resume, which repeats the
	// utterance it stopped in and reads on to the end
	l.begun, l.states = nil, nil
	s.Start(items, 200)
	s.Pause()
	s.Wait()
	l.drain()
	st, cur := s.State()
	if st != SpeechPaused {
		t.Fatalf("after Pause the state is %v", st)
	}
	if n := len(l.begun); n > 0 && l.begun[n-1] > cur {
		t.Fatalf("paused at %d but %v were begun", cur, l.begun)
	}
	l.begun = nil
	s.Resume()
	s.Wait()
	l.drain()
	want := []int{}
	for i := cur; i < len(items); i++ {
		want = append(want, i)
	}
	if !slices.Equal(l.begun, want) {
		t.Fatalf("after Resume from %d: begun %v, want %v", cur, l.begun, want)
	}

	// stop ends it for good
	s.Start(items, 200)
	s.Stop()
	s.Wait()
	l.drain()
	if st, _ := s.State(); st != SpeechIdle {
		t.Fatalf("after Stop the state is %v", st)
	}
	s.Resume() // nothing to resume
	s.Wait()
	if st, _ := s.State(); st != SpeechIdle {
		t.Fatalf("Resume after Stop started reading (%v)", st)
	}
}

func TestSpeakerReportsAMissingVoice(t *testing.T) {
	var errs []error
	q := make(chan func(), 16)
	s := NewSpeaker(Voice{Name: "espeak-ng", Path: "/nonexistent/espeak-ng"}, func(f func()) { q <- f })
	s.OnState = func(_ SpeechState, err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	s.Start([]Utterance{{Text: "One."}}, 175)
	s.Wait()
	for len(q) > 0 {
		(<-q)()
	}
	if len(errs) != 1 {
		t.Fatalf("a voice that cannot start reported %v", errs)
	}
	if st, _ := s.State(); st != SpeechIdle {
		t.Errorf("state %v", st)
	}
}
