package storage

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Setting returns a stored setting and whether it is set.
func (s *Store) Setting(key string) (string, bool, error) {
	var v string
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketSettings).Get([]byte(key))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &v)
	})
	if err != nil {
		return "", false, fmt.Errorf("setting %s: %w", key, err)
	}
	return v, ok, nil
}

// SetSetting stores a setting.
func (s *Store) SetSetting(key, value string) error {
	if key == "" {
		return fmt.Errorf("set setting: empty key")
	}
	err := s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketSettings), key, value)
	}, nil)
	if err != nil {
		return fmt.Errorf("set setting %s: %w", key, err)
	}
	return nil
}
