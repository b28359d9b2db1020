package storage

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt keeps two meta pages, 0 and 1, and writes them in turn; at open it
// uses the valid one with the higher transaction id. When one bit of the
// newer meta page flips, bbolt silently falls back to the older one, and
// the last save is gone without a word. metaRollback reads both pages
// before bbolt does and says so.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSumOffset  = 56 // the checksum covers the meta's first 56 bytes
)

type metaPage struct {
	txid  uint64
	valid bool
}

func readMeta(f io.ReaderAt, off int64) (metaPage, uint32) {
	buf := make([]byte, pageHeaderSize+metaSumOffset+8)
	if _, err := f.ReadAt(buf, off); err != nil {
		return metaPage{}, 0
	}
	m := buf[pageHeaderSize:]
	h := fnv.New64a()
	h.Write(m[:metaSumOffset])
	valid := binary.LittleEndian.Uint32(m[0:]) == boltMagic &&
		binary.LittleEndian.Uint32(m[4:]) == boltVersion &&
		binary.LittleEndian.Uint64(m[metaSumOffset:]) == h.Sum64()
	return metaPage{txid: binary.LittleEndian.Uint64(m[48:]), valid: valid}, binary.LittleEndian.Uint32(m[8:])
}

// metaRollback returns a description of a damaged meta page, "" when both
// are sound (or neither is: then the file is damaged as a whole, which the
// diagnosis reports).
func metaRollback(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	m0, size0 := readMeta(f, 0)
	pageSize := int64(os.Getpagesize())
	if m0.valid {
		pageSize = int64(size0)
	}
	m1, _ := readMeta(f, pageSize)
	if m0.valid == m1.valid {
		return ""
	}
	good, bad, badPage := m0, m1, 1
	if m1.valid {
		good, bad, badPage = m1, m0, 0
	}
	if bad.txid == good.txid+1 {
		return fmt.Sprintf("the newer of the database's two headers (page %d) is damaged, so the last save (transaction %d) was lost and the one before it is in use. "+
			"Check your notes; the backups folder holds earlier copies", badPage, bad.txid)
	}
	return fmt.Sprintf("one of the database's two headers (page %d) is damaged; the other one is in use and may hold an older state, so the last save may be lost. "+
		"Check your notes; the backups folder holds earlier copies", badPage)
}

// MetaProblem is a damaged meta page found at open ("" when none): the last
// save may have been rolled back. It is also among Warnings.
func (s *Store) MetaProblem() string { return s.metaProblem }
