package scenario

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/costdial/costdial/internal/suggest"
)

// Set overrides one field, addressed as in a dial: backups.NAME.FIELD,
// stores.NAME.FIELD, failures.NAME.FIELD, domains.NAME.FIELD,
// service.FIELD (service.targets.rpo), recovery.FIELD or simulate.FIELD.
// The value is parsed as the field's type. Setting a store's tier from the
// command line replaces the tier figures the file gave for that store, so a
// dial over tiers compares the presets themselves.
func (s *Scenario) Set(path, value string) error {
	segs := strings.Split(path, ".")
	if len(segs) == 3 && segs[2] == "name" {
		switch segs[0] {
		case "backups", "stores", "failures", "domains":
			return fmt.Errorf("%s: renaming an entry is not supported: other fields and --set find it by its name; edit the file", path)
		}
	}
	if err := setPath(reflect.ValueOf(s).Elem(), segs, value); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if s.where == nil {
		s.where = map[string]origin{}
	}
	if len(segs) == 3 && segs[0] == "stores" && segs[2] == "tier" {
		for key := range tierFields {
			delete(s.where, "stores."+segs[1]+"."+key)
		}
	}
	s.where[path] = origin{flag: "--set " + path + "=" + value}
	return nil
}

// ParseSet splits a PATH=VALUE flag argument.
func ParseSet(arg string) (path, value string, err error) {
	path, value, ok := strings.Cut(arg, "=")
	if !ok || strings.TrimSpace(path) == "" {
		return "", "", fmt.Errorf("expected PATH=VALUE, e.g. backups.nightly.every=4h (got %q)", arg)
	}
	return strings.TrimSpace(path), strings.TrimSpace(value), nil
}

// setPath walks v along segs (YAML keys, list elements by name) and parses
// text into the field it reaches.
func setPath(v reflect.Value, segs []string, text string) error {
	v, err := walk(v, segs)
	if err != nil {
		return err
	}
	if s, ok := v.Addr().Interface().(setter); ok {
		return s.Set(text)
	}
	switch v.Kind() {
	case reflect.Struct, reflect.Slice:
		return fmt.Errorf("names a group of fields, not one value: add a field name")
	}
	return setBasic(v, text)
}

// walk follows segs (YAML keys, list elements by name) from v to the field
// they name.
func walk(v reflect.Value, segs []string) (reflect.Value, error) {
	for i, seg := range segs {
		switch v.Kind() {
		case reflect.Struct:
			if _, ok := v.Addr().Interface().(setter); ok {
				return v, fmt.Errorf("unknown field %q", strings.Join(segs[i:], "."))
			}
			t := v.Type()
			found := false
			for j := 0; j < t.NumField(); j++ {
				if tag := t.Field(j).Tag.Get("yaml"); tag == seg && tag != "-" && tag != "" {
					v, found = v.Field(j), true
					break
				}
			}
			if !found {
				return v, fmt.Errorf("unknown field %q%s (known: %s)", seg, suggest.DidYouMean(seg, fieldNames(t), nil), strings.Join(fieldNames(t), ", "))
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() != reflect.Struct {
				return v, fmt.Errorf("cannot set a list element %q", seg)
			}
			found := false
			var names []string
			for j := 0; j < v.Len(); j++ {
				f := v.Index(j).FieldByName("Name")
				if !f.IsValid() {
					return v, fmt.Errorf("cannot set %q: its entries have no names", seg)
				}
				name := f.String()
				names = append(names, name)
				if name == seg {
					v, found = v.Index(j), true
					break
				}
			}
			if !found {
				return v, fmt.Errorf("no element named %q%s (have: %s)", seg, suggest.DidYouMean(seg, names, nil), strings.Join(names, ", "))
			}
		default:
			return v, fmt.Errorf("unknown field %q", strings.Join(segs[i:], "."))
		}
	}
	return v, nil
}

// quote shows a value in an error message.
func quote(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case fmt.Stringer:
		return strconv.Quote(x.String())
	}
	return fmt.Sprint(v)
}
