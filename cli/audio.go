package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"roadmapreader/app"
)

// defaultWPM is espeak-ng's own default speaking rate, in words a minute.
const defaultWPM = 175

// readArgs splits `read TOPIC[#SECTION] [--audio FILE.wav] [--speed WPM]`.
func readArgs(args []string) (where, audio string, wpm int, err error) {
	wpm = defaultWPM
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "--audio", "-audio", "--speed", "-speed":
			if i+1 >= len(args) {
				return "", "", 0, usagef("read: %s needs a value", a)
			}
			i++
			if strings.HasSuffix(a, "audio") {
				audio = args[i]
				continue
			}
			if wpm, err = strconv.Atoi(args[i]); err != nil || wpm < 80 || wpm > 450 {
				return "", "", 0, usagef("read: --speed takes words a minute, 80 to 450")
			}
		default:
			if where != "" {
				return "", "", 0, usagef("read takes one TOPIC[#SECTION]")
			}
			where = a
		}
	}
	if where == "" {
		return "", "", 0, usagef("read takes one TOPIC[#SECTION]")
	}
	return where, audio, wpm, nil
}

// writeAudio speaks a chapter or section into a WAV file with espeak-ng.
// The file appears whole or not at all: espeak-ng writes a temporary file
// beside it, which is renamed into place when it has finished.
func writeAudio(env Env, loc app.Location, file string, wpm int) error {
	t := env.Book.Topic(loc.Topic)
	if !t.Written {
		return fmt.Errorf("the chapter on %s is not written yet", t.Title)
	}
	text := app.SpokenText(app.Spoken(t, loc.Section))
	if loc.Section != "" {
		// Only that section: stop where the next one starts.
		var us []app.Utterance
		for _, u := range app.Spoken(t, loc.Section) {
			if u.At.Section != loc.Section {
				break
			}
			us = append(us, u)
		}
		text = app.SpokenText(us)
	}
	espeak, err := exec.LookPath("espeak-ng")
	if err != nil {
		return errors.New("read --audio needs espeak-ng, which is not installed (sudo apt-get install espeak-ng)")
	}
	if fi, err := os.Stat(file); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("cannot write the audio to %s: it is not a regular file", file)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".roadmap-reader-audio-*.wav")
	if err != nil {
		return fmt.Errorf("cannot write the audio beside %s: %w", file, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command(espeak, "-v", "en-us", "-s", strconv.Itoa(wpm), "-w", tmp.Name(), "--stdin")
	cmd.Stdin = strings.NewReader(text)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("espeak-ng could not speak %s: %v %s", t.Title, err, strings.TrimSpace(stderr.String()))
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("cannot write the audio to %s: %w", file, err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d words at %d words a minute)\n", file, len(strings.Fields(text)), wpm)
	return nil
}
