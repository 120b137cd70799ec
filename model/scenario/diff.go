package scenario

import (
	"fmt"
	"reflect"
	"strings"
)

// Difference is one field whose value differs between two scenarios.
type Difference struct {
	Path string // e.g. "stores.bucket.restore"
	A, B string // its value in each, as scenario text ("" where it is missing)
}

// Differences lists the fields of the design (simulate, service, domains,
// stores, backups, failures, recovery) whose values differ between a and
// b, in field order: what makes two loaded scenarios different designs.
// Entries of a list are matched by name; an entry only one side has is one
// difference, at its path.
func Differences(a, b *Scenario) []Difference {
	var out []Difference
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for _, key := range []string{"simulate", "service", "domains", "stores", "backups", "failures", "recovery"} {
		fa, _ := walk(va, []string{key})
		fb, _ := walk(vb, []string{key})
		diff(key, fa, fb, &out)
	}
	return out
}

// SameAt reports whether a and b hold the same value at path, a field
// path as --set and a dial address it.
func SameAt(a, b *Scenario, path string) bool {
	segs := strings.Split(path, ".")
	fa, err := walk(reflect.ValueOf(a).Elem(), segs)
	if err != nil {
		return false
	}
	fb, err := walk(reflect.ValueOf(b).Elem(), segs)
	if err != nil {
		return false
	}
	var out []Difference
	diff(path, fa, fb, &out)
	return len(out) == 0
}

// diff appends the differences between a and b, found at path.
func diff(path string, a, b reflect.Value, out *[]Difference) {
	if a.CanAddr() {
		if _, ok := a.Addr().Interface().(setter); ok {
			if ta, tb := text(a), text(b); ta != tb {
				*out = append(*out, Difference{path, ta, tb})
			}
			return
		}
	}
	switch a.Kind() {
	case reflect.Struct:
		t := a.Type()
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("yaml")
			if tag == "" || tag == "-" || !t.Field(i).IsExported() {
				continue
			}
			diff(path+"."+tag, a.Field(i), b.Field(i), out)
		}
	case reflect.Slice:
		if a.Type().Elem().Kind() != reflect.Struct || !a.Type().Elem().Field(0).IsExported() {
			if !reflect.DeepEqual(a.Interface(), b.Interface()) {
				*out = append(*out, Difference{path, text(a), text(b)})
			}
			return
		}
		named := func(v reflect.Value) ([]string, map[string]reflect.Value) {
			var order []string
			m := map[string]reflect.Value{}
			for i := 0; i < v.Len(); i++ {
				name := v.Index(i).FieldByName("Name").String()
				order = append(order, name)
				m[name] = v.Index(i)
			}
			return order, m
		}
		oa, ma := named(a)
		ob, mb := named(b)
		for _, name := range oa {
			if eb, ok := mb[name]; ok {
				diff(path+"."+name, ma[name], eb, out)
			} else {
				*out = append(*out, Difference{Path: path + "." + name, A: name})
			}
		}
		for _, name := range ob {
			if _, ok := ma[name]; !ok {
				*out = append(*out, Difference{Path: path + "." + name, B: name})
			}
		}
	default:
		if ta, tb := text(a), text(b); ta != tb {
			*out = append(*out, Difference{path, ta, tb})
		}
	}
}

// text prints a field's value as scenario text.
func text(v reflect.Value) string {
	if v.CanAddr() {
		if s, ok := v.Addr().Interface().(fmt.Stringer); ok {
			return s.String()
		}
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprint(v.Interface())
}
