package scenario

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
)

// MarshalJSON writes the assignments as an object of field paths to
// values, in the order written.
func (a Assignments) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, x := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(x.Path)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(x.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Fingerprint identifies the design s runs: two scenarios with the same
// fingerprint have the same active design (Active: the parts switched on)
// with the same values in every field, so that running both would give
// the same result. A dial that sets a field of a part switched off makes
// designs that share a fingerprint.
func Fingerprint(s *Scenario) [sha256.Size]byte {
	h := sha256.New()
	v := reflect.ValueOf(s.Active()).Elem()
	for _, key := range []string{"simulate", "service", "domains", "stores", "backups", "failures", "recovery"} {
		f, _ := walk(v, []string{key})
		describe(h, key, f)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// describe writes every field under v as a line "path=value", in field
// order, for Fingerprint.
func describe(w io.Writer, path string, v reflect.Value) {
	if v.CanAddr() {
		if _, ok := v.Addr().Interface().(setter); ok {
			fmt.Fprintf(w, "%s=%s\n", path, text(v))
			return
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("yaml")
			if tag == "" || tag == "-" || !t.Field(i).IsExported() {
				continue
			}
			describe(w, path+"."+tag, v.Field(i))
		}
	case reflect.Slice:
		fmt.Fprintf(w, "%s=[%d]\n", path, v.Len())
		for i := 0; i < v.Len(); i++ {
			describe(w, fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	default:
		fmt.Fprintf(w, "%s=%q\n", path, text(v))
	}
}
