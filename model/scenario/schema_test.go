package scenario

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// check validates a decoded YAML value against the subset of JSON Schema
// that Schema uses: type, properties, additionalProperties (false, or a
// schema), required, items, minItems, enum, const and oneOf. It returns
// every problem.
func check(schema map[string]any, v any, path string) []string {
	var out []string
	if alts, ok := schema["oneOf"].([]any); ok {
		passed := 0
		for _, a := range alts {
			if len(check(a.(map[string]any), v, path)) == 0 {
				passed++
			}
		}
		if passed != 1 {
			out = append(out, fmt.Sprintf("%s: matches %d of the %d alternatives, want exactly one", path, passed, len(alts)))
		}
	}
	// a const is equal in type too, as JSON Schema wants: 1 is not "1"
	if c, ok := schema["const"]; ok && (fmt.Sprint(c) != fmt.Sprint(v) || jsonKind(c) != jsonKind(v)) {
		out = append(out, fmt.Sprintf("%s: want %v (got %v)", path, c, v))
	}
	if e, ok := schema["enum"]; ok {
		if !slices.Contains(toStrings(e), fmt.Sprint(v)) {
			out = append(out, fmt.Sprintf("%s: %v is not one of the choices", path, v))
		}
	}
	types := toStrings(schema["type"])
	if len(types) == 0 {
		return out
	}
	kind := "string"
	switch v.(type) {
	case map[string]any:
		kind = "object"
	case []any:
		kind = "array"
	case bool:
		kind = "boolean"
	case int:
		kind = "integer"
	case float64:
		kind = "number"
	}
	if !slices.Contains(types, kind) && !(kind == "integer" && slices.Contains(types, "number")) {
		return append(out, fmt.Sprintf("%s: a %s where the schema wants %v", path, kind, types))
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		for k, e := range x {
			p, ok := props[k].(map[string]any)
			if !ok {
				p, ok = schema["additionalProperties"].(map[string]any)
			}
			if !ok && schema["additionalProperties"] == nil {
				continue // other fields are allowed
			}
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: not in the schema", path, k))
				continue
			}
			out = append(out, check(p, e, path+"."+k)...)
		}
		for _, r := range toStrings(schema["required"]) {
			if _, ok := x[r]; !ok {
				out = append(out, fmt.Sprintf("%s.%s: required", path, r))
			}
		}
	case []any:
		if m, ok := schema["minItems"].(float64); ok && float64(len(x)) < m {
			out = append(out, fmt.Sprintf("%s: %d entries, fewer than %v", path, len(x), m))
		}
		items, _ := schema["items"].(map[string]any)
		for i, e := range x {
			out = append(out, check(items, e, fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	return out
}

// jsonKind is the JSON type of a decoded value: YAML's ints and JSON's
// float64s are both numbers.
func jsonKind(v any) string {
	switch v.(type) {
	case int, int64, uint64, float64:
		return "number"
	case string:
		return "string"
	case bool:
		return "boolean"
	}
	return fmt.Sprintf("%T", v)
}

func toStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []string:
		return x
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

// schemaJSON is the schema as an editor reads it: through JSON.
func schemaJSON(t *testing.T) map[string]any {
	raw, err := json.Marshal(Schema())
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// Every example scenario passes the schema, and what the loader refuses
// for its shape the schema refuses too.
func TestSchema(t *testing.T) {
	schema := schemaJSON(t)
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	if len(files) == 0 {
		t.Fatal("no example scenarios")
	}
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		var v any
		if err := yaml.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		if problems := check(schema, v, f); len(problems) > 0 {
			t.Errorf("%s fails the schema: %v", f, problems)
		}
	}
	for _, tc := range []struct{ name, yaml string }{
		{"misspelt field", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true, tierr: s3-standard}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"unknown tier", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true, tier: s4}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"unknown kind", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y, kind: flood}]\n"},
		{"no data", "version: 1\nname: x\nservice: {}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"version 2", "version: 2\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"a list entry without a name", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{primary: true}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"a job without to", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}, {name: b}]\nbackups: [{name: j}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"a failure without a rate", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f}]\n"},
		{"no failures", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: []\n"},
		{"no stores", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: []\nfailures: [{name: f, rate: 1/y}]\n"},
		{"a dial axis without values", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\ndial: [{set: failures.f.rate}]\n"},
		{"a dial axis with no values", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\ndial: [{set: failures.f.rate, values: []}]\n"},
		{"a dial axis without set", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\ndial: [{values: [1/y]}]\n"},
		{"a dial axis that both sets and chooses", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\ndial: [{set: failures.f.rate, values: [1/y], choose: [{name: a}]}]\n"},
		{"a dial axis choosing nothing", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\ndial: [{choose: []}]\n"},
		{"an alternative without a name", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\ndial: [{choose: [{set: {failures.f.rate: 2/y}}]}]\n"},
		{"an alternative setting a list", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\ndial: [{choose: [{name: b, set: {failures.f.rate: [2/y]}}]}]\n"},
		// issue 23.21: a number or a boolean written as text is text to
		// YAML and to the schema, and the loader refuses it too
		{"the version as text", "version: \"1\"\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"trials as text", "version: 1\nname: x\nsimulate: {trials: \"5000\"}\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"compression as text", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}, {name: b}]\nbackups: [{name: j, to: b, compression: '0.5'}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"a boolean as text", "version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a, primary: \"true\"}]\nfailures: [{name: f, rate: 1/y}]\n"},
		{"a fraction where a whole number goes", "version: 1\nname: x\nsimulate: {trials: 1.5}\nservice: {data: 1GiB}\nstores: [{name: a, primary: true}]\nfailures: [{name: f, rate: 1/y}]\n"},
	} {
		var v any
		if err := yaml.Unmarshal([]byte(tc.yaml), &v); err != nil {
			t.Fatal(err)
		}
		if len(check(schema, v, "")) == 0 {
			t.Errorf("%s: the schema accepts it", tc.name)
		}
		if _, err := Load("x.yaml", []byte(tc.yaml), nil); err == nil {
			t.Errorf("%s: the loader accepts it", tc.name)
		}
	}
	// every field the decoder knows is in the schema
	props := schema["properties"].(map[string]any)
	for _, key := range fieldNames(reflectType[Store]()) {
		stores := props["stores"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)
		if _, ok := stores[key]; !ok {
			t.Errorf("stores.%s missing from the schema", key)
		}
	}
}

func reflectType[T any]() reflect.Type { var z T; return reflect.TypeOf(z) }

// Every field the schema requires in a list entry (or in service) is one
// the loader refuses a scenario without: taking it out of the first entry
// of an example makes both refuse the file. With the cases of TestSchema
// (a job without to, a failure without a rate, a dial axis without set or
// values), which would fail if the schema did not require them, the two
// agree in both directions.
func TestSchemaRequired(t *testing.T) {
	schema := schemaJSON(t)
	raw, err := os.ReadFile("../../scenarios/small-saas.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for path, fields := range required {
		if strings.Contains(path, ".") {
			continue // an entry inside an entry: TestSchema's cases
		}
		for _, field := range fields {
			var v map[string]any
			if err := yaml.Unmarshal(raw, &v); err != nil {
				t.Fatal(err)
			}
			entry, ok := v[path].(map[string]any)
			if list, isList := v[path].([]any); isList && len(list) > 0 {
				entry, ok = list[0].(map[string]any)
			}
			if !ok {
				t.Fatalf("small-saas.yaml has no %s to take %s out of", path, field)
			}
			if _, ok := entry[field]; !ok {
				t.Fatalf("small-saas.yaml's first %s has no %s", path, field)
			}
			delete(entry, field)
			n++
			if len(check(schema, v, "")) == 0 {
				t.Errorf("%s without %s: the schema accepts it", path, field)
			}
			out, err := yaml.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Load("x.yaml", out, nil); err == nil {
				t.Errorf("%s without %s: the loader accepts it, but the schema requires it", path, field)
			}
		}
	}
	if n < 7 {
		t.Errorf("only %d required fields checked", n)
	}
}
