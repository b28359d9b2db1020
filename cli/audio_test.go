package cli

import (
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roadmapreader/app"
)

// wavDuration reads a WAV file's header and returns how long it plays.
func wavDuration(t *testing.T, file string) time.Duration {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WAVE" {
		t.Fatalf("%s is not a WAV file (starts %q)", file, data[:min(12, len(data))])
	}
	var rate, block uint32
	for p := 12; p+8 <= len(data); {
		id, size := string(data[p:p+4]), binary.LittleEndian.Uint32(data[p+4:p+8])
		body := data[p+8:]
		switch id {
		case "fmt ":
			channels := uint32(binary.LittleEndian.Uint16(body[2:4]))
			rate = binary.LittleEndian.Uint32(body[4:8])
			block = channels * uint32(binary.LittleEndian.Uint16(body[14:16])) / 8
		case "data":
			if rate == 0 || block == 0 {
				t.Fatalf("%s: data before its format", file)
			}
			// espeak-ng writing to a file may leave the size at its
			// streaming maximum; what is there is what plays.
			n := min(int(size), len(body))
			return time.Duration(float64(n) / float64(rate*block) * float64(time.Second))
		}
		p += 8 + int(size) + int(size&1)
	}
	t.Fatalf("%s has no data chunk", file)
	return 0
}

func TestReadAudioWritesAWavOfTheSpokenText(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		if os.Getenv("ROADMAP_READER_REQUIRE_TOOLS") != "" {
			t.Fatal("espeak-ng is not installed; make test installs it")
		}
		t.Skip("espeak-ng is not installed")
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		where string
		wpm   int
	}{
		{"parallel-training-system#zero", 175},
		{"parallel-training-system#zero", 300},
	} {
		t.Run(fmt.Sprintf("%s at %d", tt.where, tt.wpm), func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprintf("zero-%d.wav", tt.wpm))
			stdout, stderr, code := runCLI(t, dir, "", "read", tt.where, "--audio", out, "--speed", fmt.Sprint(tt.wpm))
			if code != 0 {
				t.Fatalf("read --audio: exit %d, %s", code, stderr)
			}
			if !strings.HasPrefix(stdout, "wrote "+out) {
				t.Errorf("stdout = %q", stdout)
			}
			loc, _ := app.ParseLocation(theBook, tt.where)
			var words int
			for _, u := range app.Spoken(theBook.Topic(loc.Topic), loc.Section) {
				if u.At.Section != loc.Section {
					break
				}
				words += len(strings.Fields(u.Text))
			}
			want := time.Duration(float64(words) / float64(tt.wpm) * float64(time.Minute))
			got := wavDuration(t, out)
			// Pauses at full stops and numbers read out in words make speech
			// run longer than words/rate; a wrong text or rate is far off.
			if got < want*6/10 || got > want*2 {
				t.Errorf("%s at %d wpm plays %v; %d words should take about %v", tt.where, tt.wpm, got, words, want)
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".roadmap-reader-audio-*"))
			if len(leftovers) > 0 {
				t.Errorf("temporary files left: %v", leftovers)
			}
		})
	}
}

func TestReadAudioRefusesBadArguments(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"read", "data", "--audio"},
		{"read", "data", "--speed", "fast", "--audio", "x.wav"},
		{"read", "data", "--speed", "2000", "--audio", "x.wav"},
		{"read", "data", "extra", "--audio", "x.wav"},
		{"read", "data", "--audio", dir},
	} {
		if _, stderr, code := runCLI(t, dir, "", args...); code == 0 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want a refusal", args, code, stderr)
		}
	}
}
