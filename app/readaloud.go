package app

import (
	"errors"
	"os/exec"
	"strconv"
	"sync"
)

// DefaultSpeechRate is the reading-aloud speed, in words a minute, before
// the reader picks one (espeak-ng's own default).
const DefaultSpeechRate = 175

// The speeds Preferences offer, in words a minute (as `read --speed`).
const (
	MinSpeechRate = 80
	MaxSpeechRate = 450
)

// Voice is the program that speaks: speech-dispatcher's spd-say when the
// desktop has it, else espeak-ng.
type Voice struct {
	Name string // "spd-say" or "espeak-ng"
	Path string
}

// FindVoice looks for spd-say, then espeak-ng.
func FindVoice() (Voice, error) {
	for _, name := range []string{"spd-say", "espeak-ng"} {
		if p, err := exec.LookPath(name); err == nil {
			return Voice{Name: name, Path: p}, nil
		}
	}
	return Voice{}, errors.New("reading aloud needs speech-dispatcher (spd-say) or espeak-ng; install one: sudo apt-get install espeak-ng")
}

// Command is the process that says text at a rate in words a minute, and
// ends when it has been said.
func (v Voice) Command(text string, wpm int) *exec.Cmd {
	if v.Name == "spd-say" {
		// spd-say's rate runs from -100 to 100, 0 being its normal speed
		rate := min(max((wpm-DefaultSpeechRate)*100/DefaultSpeechRate, -100), 100)
		return exec.Command(v.Path, "-w", "-l", "en", "-r", strconv.Itoa(rate), "--", text)
	}
	return exec.Command(v.Path, "-v", "en-us", "-s", strconv.Itoa(wpm), "--", text)
}

// cancel silences what the voice may still be saying after its process
// was stopped (speech-dispatcher speaks on in its own server).
func (v Voice) cancel() {
	if v.Name == "spd-say" {
		_ = exec.Command(v.Path, "-C").Run()
	}
}

// SpeechState is what a Speaker is doing.
type SpeechState int

// A Speaker is idle, speaking, or paused on an utterance.
const (
	SpeechIdle SpeechState = iota
	SpeechSpeaking
	SpeechPaused
)

// Speaker reads utterances aloud one after another, each in a process of
// its own on a goroutine of its own, so the window never waits for it.
// What it reports (the utterance begun, the end) goes through deliver, the
// UI's seam, as the session's answers do.
type Speaker struct {
	voice   Voice
	deliver func(func())

	// OnUtterance is told when an utterance begins (on the UI goroutine).
	OnUtterance func(i int, u Utterance)
	// OnState is told when the state changes (on the UI goroutine); err is
	// set when the voice failed.
	OnState func(st SpeechState, err error)

	mu    sync.Mutex
	items []Utterance
	cur   int
	wpm   int
	state SpeechState
	run   int       // bumped by every start, pause and stop: an old run ends
	cmd   *exec.Cmd // the process speaking now
	wg    sync.WaitGroup
}

// NewSpeaker reads with a voice, handing its news to deliver.
func NewSpeaker(v Voice, deliver func(func())) *Speaker {
	return &Speaker{voice: v, deliver: deliver}
}

// Start reads utterances from the first, at wpm words a minute, stopping
// whatever was being read.
func (s *Speaker) Start(items []Utterance, wpm int) {
	s.mu.Lock()
	s.halt()
	s.items, s.cur, s.wpm = items, 0, wpm
	s.begin()
	s.mu.Unlock()
}

// Pause stops the voice; Resume reads on from the start of the utterance
// it stopped in.
func (s *Speaker) Pause() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != SpeechSpeaking {
		return
	}
	s.halt()
	s.setState(SpeechPaused, nil)
}

// Resume reads on after Pause.
func (s *Speaker) Resume() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != SpeechPaused {
		return
	}
	s.begin()
}

// Stop ends reading.
func (s *Speaker) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == SpeechIdle {
		return
	}
	s.halt()
	s.setState(SpeechIdle, nil)
}

// State is what the speaker is doing and the utterance it is on.
func (s *Speaker) State() (SpeechState, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state, s.cur
}

// Wait waits until no run is going (quitting, tests).
func (s *Speaker) Wait() { s.wg.Wait() }

// halt ends the run going, if any; s.mu is held.
func (s *Speaker) halt() {
	s.run++
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		s.voice.cancel()
	}
	s.cmd = nil
}

// begin starts a run from s.cur; s.mu is held.
func (s *Speaker) begin() {
	s.run++
	run := s.run
	s.setState(SpeechSpeaking, nil)
	s.wg.Add(1)
	go s.speak(run)
}

func (s *Speaker) setState(st SpeechState, err error) {
	s.state = st
	if f := s.OnState; f != nil {
		s.deliver(func() { f(st, err) })
	}
}

// speak says the utterances from s.cur until the end or until the run is
// overtaken by a pause, stop or new start.
func (s *Speaker) speak(run int) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		if s.run != run {
			s.mu.Unlock()
			return
		}
		if s.cur >= len(s.items) {
			s.cur = 0
			s.setState(SpeechIdle, nil)
			s.mu.Unlock()
			return
		}
		i, u := s.cur, s.items[s.cur]
		cmd := s.voice.Command(u.Text, s.wpm)
		if f := s.OnUtterance; f != nil {
			s.deliver(func() { f(i, u) })
		}
		if err := cmd.Start(); err != nil {
			s.setState(SpeechIdle, err)
			s.mu.Unlock()
			return
		}
		s.cmd = cmd
		s.mu.Unlock()

		err := cmd.Wait()

		s.mu.Lock()
		if s.run != run { // paused or stopped: the kill was ours
			s.mu.Unlock()
			return
		}
		s.cmd = nil
		if err != nil {
			s.setState(SpeechIdle, err)
			s.mu.Unlock()
			return
		}
		s.cur++
		s.mu.Unlock()
	}
}
