package synclog

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestClockOrdersAfterWhatItSaw(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	c := Clock{Device: "b"}
	s1 := c.Tick(now, now)
	// Another device an hour ahead.
	far := Stamp{Wall: now.Add(time.Hour).UnixMilli(), Count: 3, Device: "a"}
	c.Observe(far)
	s2 := c.Tick(now.Add(time.Minute), now.Add(time.Minute))
	if !s1.Less(s2) || !far.Less(s2) {
		t.Errorf("s1 %v, far %v, s2 %v: s2 must be after both", s1, far, s2)
	}
	// A date in the future is clamped to now.
	s3 := c.Tick(now.Add(100*365*24*time.Hour), now.Add(2*time.Minute))
	if s3.Wall > now.Add(time.Hour).UnixMilli() {
		t.Errorf("a future date dragged the clock: %v", s3)
	}
	// Same wall and counter: the device breaks the tie, so no two stamps
	// of different devices are equal.
	x, y := Stamp{Wall: 5, Count: 1, Device: "a"}, Stamp{Wall: 5, Count: 1, Device: "b"}
	if !x.Less(y) || y.Less(x) {
		t.Errorf("tie not broken by device")
	}
}

func TestEncodeDecode(t *testing.T) {
	r := Record{Kind: KindNote, ID: "abc", HLC: Stamp{Wall: 1, Device: "d"}, Data: []byte(`{"body":"x"}`)}
	line, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(line[:len(line)-1])
	if err != nil || got.ID != "abc" || got.V != Format || string(got.Data) != `{"body":"x"}` {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	for i := range line[:len(line)-1] {
		bad := append([]byte(nil), line[:len(line)-1]...)
		bad[i] ^= 0x01
		if _, err := Decode(bad); err == nil {
			t.Fatalf("a flipped bit at %d was not caught", i)
		}
	}
}

func TestAppendAfterATornLineAndRead(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	name := OwnName("dev1", 1)
	if OwnGen(name, "dev1") != 1 || OwnGen("dev1.000001.sync-conflict-x"+Ext, "dev1") != 0 || OwnGen(name, "dev") != 0 {
		t.Fatal("OwnGen")
	}
	rec := func(id string) Record { return Record{Kind: KindBookmark, ID: id, HLC: Stamp{Wall: 1, Device: "dev1"}} }
	if _, nonce, err := Append(dir, name, "dev1", []Record{rec("one")}, now); err != nil || nonce == "" {
		t.Fatal(err, nonce)
	}
	// A crash cut the next append short.
	f, _ := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`1234abcd {"kind":"bookm`)
	f.Close()
	tail, err := Read(dir, name, 0)
	if err != nil || len(tail.Records) != 1 || !tail.Torn || tail.Nonce == "" {
		t.Fatalf("torn read: %+v %v", tail, err)
	}
	if _, _, err := Append(dir, name, "dev1", []Record{rec("two")}, now); err != nil {
		t.Fatal(err)
	}
	again, err := Read(dir, name, tail.Next)
	if err != nil || len(again.Records) != 1 || again.Records[0].ID != "two" || again.Bad != 1 || again.Torn || again.Nonce != tail.Nonce {
		t.Fatalf("after append: %+v %v", again, err)
	}
	files, _ := List(dir)
	if len(files) != 1 || files[0].Name != name {
		t.Fatalf("list: %+v", files)
	}
}

func TestCheckFolder(t *testing.T) {
	if err := CheckFolder(filepath.Join(t.TempDir(), "gone")); err == nil {
		t.Error("missing folder accepted")
	}
	if err := CheckFolder(""); err == nil {
		t.Error("empty folder accepted")
	}
	if err := CheckFolder(t.TempDir()); err != nil {
		t.Error(err)
	}
}

func TestReadRefusesAHugeFile(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge"+Ext))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFile + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	if _, err := Read(dir, "huge"+Ext, 0); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v", err)
	}
}
