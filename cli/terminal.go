package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// terminalWriter passes text through with every control character that a
// terminal would act on written out instead: C0 controls other than newline
// and tab (ESC, BEL, CR, backspace…), DEL, the C1 controls U+0080–U+009F,
// and bytes that are not UTF-8 (a lone 0x9B is a CSI to some terminals). An
// imported note can then not retitle the terminal, set the clipboard or
// clear the screen. Runes are written as \uXXXX, which is also a valid JSON
// escape, so --json output stays valid JSON; stray bytes as \xNN.
type terminalWriter struct {
	w     io.Writer
	carry []byte // the start of a rune split across writes
	err   error
}

func newTerminalWriter(w io.Writer) *terminalWriter { return &terminalWriter{w: w} }

func (t *terminalWriter) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	data := append(t.carry, p...)
	t.carry = nil
	out := make([]byte, 0, len(data)+16)
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				out = fmt.Appendf(out, `\u%04x`, c)
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(data[i:]) {
				t.carry = append([]byte(nil), data[i:]...) // wait for the rest
				break
			}
			out = fmt.Appendf(out, `\x%02x`, c)
			i++
			continue
		}
		if r >= 0x80 && r <= 0x9f {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	if _, err := t.w.Write(out); err != nil {
		t.err = err
		return 0, err
	}
	return len(p), nil
}

// Flush writes out an incomplete rune left at the end, escaped.
func (t *terminalWriter) Flush() {
	for _, c := range t.carry {
		fmt.Fprintf(t.w, `\x%02x`, c)
	}
	t.carry = nil
}
