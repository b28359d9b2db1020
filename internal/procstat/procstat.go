// Package procstat reads this process's memory from /proc, for the tests
// that check the database file's pages are given back.
package procstat

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// RssFile is this process's resident memory backed by files, in bytes.
func RssFile() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "RssFile:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no RssFile in /proc/self/status")
}

// RssFileOrSkip is RssFile for a test, which it skips where /proc cannot
// tell.
func RssFileOrSkip(t testing.TB) int64 {
	t.Helper()
	n, err := RssFile()
	if err != nil {
		t.Skip(err)
	}
	return n
}
