package synclog

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Ext ends every log file. Conflict copies keep it (Syncthing's
// "x.sync-conflict-20261130-101010-ABCDEFG.rrsync", Dropbox's "x (Ann's
// conflicted copy 2026-11-30).rrsync"), so they are read as extra logs.
const Ext = ".rrsync"

// MaxLine bounds one record; a longer line is skipped as damaged.
const MaxLine = 4 << 20

// MaxFile bounds what Read takes from one file in one go; a log compacts
// long before (10,000 notes make about 6 MB).
const MaxFile = 256 << 20

// ErrTooLarge is a file with more than MaxFile bytes to read.
var ErrTooLarge = errors.New("log file is too large to read")

// File is a log file in the folder as listed.
type File struct {
	Name string
	Size int64
	Mod  int64 // modification time, Unix nanoseconds
}

// CheckFolder reports a clear error when dir is missing, not a folder, or
// not writable. Nothing is created: a vanished folder is most often an
// unmounted disk or a moved folder, and making a new empty one would hide it.
func CheckFolder(dir string) error {
	if dir == "" {
		return errors.New("no sync folder is set (choose one in Preferences, or use --sync DIR or ROADMAP_READER_SYNC)")
	}
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sync folder %s is not there (moved, or on a disk that is not mounted); nothing was changed", dir)
	}
	if err != nil {
		return fmt.Errorf("sync folder %s: %w; nothing was changed", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("sync folder %s is not a folder; nothing was changed", dir)
	}
	if err := syscall.Access(dir, 0x2 /* W_OK */); err != nil {
		return fmt.Errorf("sync folder %s is read-only (%v); nothing was changed", dir, err)
	}
	return nil
}

// List returns the log files in dir, by name. Hidden and temporary files
// (a synchroniser's transfers in progress, our own compaction) are left out.
func List(dir string) ([]File, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sync folder %s: %w", dir, err)
	}
	var out []File
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, Ext) || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue // gone since ReadDir, or not a file
		}
		out = append(out, File{Name: name, Size: info.Size(), Mod: info.ModTime().UnixNano()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// OwnName is the name of a device's log of generation gen.
func OwnName(device string, gen int) string {
	return fmt.Sprintf("%s.%06d%s", device, gen, Ext)
}

// OwnGen returns the generation of one of device's own logs, or 0 when name
// is not exactly such a file (a conflict copy is not ours to touch).
func OwnGen(name, device string) int {
	rest, ok := strings.CutPrefix(name, device+".")
	if !ok {
		return 0
	}
	rest, ok = strings.CutSuffix(rest, Ext)
	if !ok || len(rest) != 6 {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// Tail is what Read found from an offset on.
type Tail struct {
	Records []Record
	Nonce   string // the file's header nonce ("" when the file has none yet)
	Next    int64  // offset after the last whole line read
	Bad     int    // whole lines that failed their checksum or did not decode
	Torn    bool   // the file ends in a line that is not whole yet
}

// Read reads the whole lines of a file from off on. A last line without its
// newline is a record still in transfer: it is left for a later round. The
// header's nonce is read too, so a caller can tell a replaced file.
func Read(dir, name string, off int64) (Tail, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return Tail{}, err
	}
	defer f.Close()
	var t Tail
	if off > 0 {
		t.Nonce = readNonce(f)
	}
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return Tail{}, err
	}
	t.Next = off
	if info, err := f.Stat(); err == nil && info.Size()-off > MaxFile {
		return Tail{}, fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFile))
	if err != nil {
		return Tail{}, err
	}
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			t.Torn = true
			return t, nil
		}
		line := data[:i]
		data = data[i+1:]
		t.Next += int64(i + 1)
		if len(line) > MaxLine {
			t.Bad++
			continue
		}
		r, derr := Decode(bytes.TrimRight(line, "\r"))
		if derr != nil {
			if len(bytes.Trim(line, "\x00")) > 0 {
				t.Bad++
			}
			continue
		}
		if r.Kind == KindHeader {
			if t.Nonce == "" {
				t.Nonce = r.ID
			}
			continue
		}
		t.Records = append(t.Records, r)
	}
	return t, nil
}

func readNonce(f *os.File) string {
	br := bufio.NewReaderSize(f, 4096)
	line, err := br.ReadSlice('\n')
	if err != nil {
		return ""
	}
	r, err := Decode(bytes.TrimRight(line, "\r\n"))
	if err != nil || r.Kind != KindHeader {
		return ""
	}
	return r.ID
}

func newNonce() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func header(device string, now time.Time) Record {
	return Record{V: Format, Kind: KindHeader, ID: newNonce(), HLC: Stamp{Wall: now.UnixMilli(), Device: device}}
}

// Append adds records to one of the device's own logs and fsyncs it: a new
// file starts with a header; a file whose last line was cut short (a crash
// during an earlier append) first gets a newline, so the cut line stays one
// bad line and the new records are whole. It returns the file as it is now,
// and the nonce of its header when it made a new file.
func Append(dir, name, device string, recs []Record, now time.Time) (File, string, error) {
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return File{}, "", fmt.Errorf("sync folder: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return File{}, "", fmt.Errorf("sync folder: %w", err)
	}
	var buf bytes.Buffer
	nonce := ""
	if info.Size() == 0 {
		h := header(device, now)
		nonce = h.ID
		line, _ := Encode(h)
		buf.Write(line)
	} else {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, info.Size()-1); err != nil {
			return File{}, "", fmt.Errorf("sync folder: %w", err)
		}
		if last[0] != '\n' {
			buf.WriteByte('\n')
		}
	}
	for _, r := range recs {
		line, err := Encode(r)
		if err != nil {
			return File{}, "", err
		}
		buf.Write(line)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		return File{}, "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return File{}, "", fmt.Errorf("write %s: %w", path, err)
	}
	if info.Size() == 0 {
		syncDir(dir)
	}
	if info, err = f.Stat(); err != nil {
		return File{}, "", fmt.Errorf("sync folder: %w", err)
	}
	return File{Name: name, Size: info.Size(), Mod: info.ModTime().UnixNano()}, nonce, nil
}

// WriteFile writes a whole new log (a compaction's snapshot) under a hidden
// temporary name, fsyncs it and renames it into place, so the folder never
// holds half of it under its real name. It returns the file and its nonce.
func WriteFile(dir, name, device string, recs []Record, now time.Time) (File, string, error) {
	tmp, err := os.CreateTemp(dir, ".tmp-"+device+"-*")
	if err != nil {
		return File{}, "", fmt.Errorf("sync folder: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	w := bufio.NewWriterSize(tmp, 256<<10)
	h := header(device, now)
	line, _ := Encode(h)
	w.Write(line)
	for _, r := range recs {
		line, err := Encode(r)
		if err != nil {
			tmp.Close()
			return File{}, "", err
		}
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return File{}, "", fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return File{}, "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return File{}, "", fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return File{}, "", err
	}
	path := filepath.Join(dir, name)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return File{}, "", fmt.Errorf("write %s: %w", name, err)
	}
	syncDir(dir)
	info, err := os.Stat(path)
	if err != nil {
		return File{}, "", err
	}
	return File{Name: name, Size: info.Size(), Mod: info.ModTime().UnixNano()}, h.ID, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
