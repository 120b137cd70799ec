package scenario

import (
	"reflect"

	"github.com/costdial/costdial/model/catalog"
)

// SchemaID is where the committed JSON Schema of the format lives.
const SchemaID = "https://raw.githubusercontent.com/costdial/costdial/main/docs/scenario.schema.json"

// Schema returns a JSON Schema (draft 2020-12) of the scenario format,
// generated from the Go types: every field with its YAML key, unknown
// fields refused, list entries and required fields as Validate wants
// them, enums for kinds and tiers. Value types such as durations and
// money are strings (a bare number is allowed where YAML would give one,
// e.g. 0). Editors with a YAML language server use it to complete and
// check scenario files.
func Schema() map[string]any {
	root := object(reflect.TypeOf(Scenario{}), "")
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = SchemaID
	root["title"] = "costdial scenario"
	root["description"] = "A backup and disaster-recovery design for costdial (docs/scenario.md)."
	root["required"] = []string{"version", "name", "service", "stores", "failures"}
	props := root["properties"].(map[string]any)
	props["version"] = map[string]any{"const": 1, "description": "the format's version: 1"}
	return root
}

// enums lists the values of fields that take few, by path.
var enums = map[string][]string{
	"backups.kind":   {Full, Incremental, Replica, PITR},
	"failures.kind":  {Destroy, Logical, Outage, Ransomware},
	"failures.trust": {TrustIntrusion, TrustEncryption},
	"stores.tier":    catalog.Names(),
}

var setterType = reflect.TypeOf((*setter)(nil)).Elem()

// object is the schema of a struct type; path is its place (list names
// without elements, e.g. "stores").
func object(t reflect.Type, path string) map[string]any {
	props := map[string]any{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("yaml")
		if key == "" || key == "-" {
			continue
		}
		props[key] = schemaOf(f.Type, join(path, key))
	}
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if r, ok := required[path]; ok {
		o["required"] = r
	}
	if path == "dial" {
		// an axis turns one field, or chooses between named alternatives
		o["oneOf"] = []any{
			map[string]any{"type": "object", "required": []string{"set", "values"}},
			map[string]any{"type": "object", "required": []string{"choose"}},
		}
	}
	return o
}

// required lists, by path, the fields Validate refuses an entry without,
// whatever else it holds (a job's from defaults to the primary, kinds
// have defaults).
var required = map[string][]string{
	"service":     {"data"},
	"domains":     {"name"},
	"stores":      {"name"},
	"backups":     {"name", "to"},
	"failures":    {"name", "rate"},
	"dial.choose": {"name"},
}

// nonEmpty lists the lists Validate refuses empty.
var nonEmpty = map[string]bool{"stores": true, "failures": true, "dial.values": true, "dial.choose": true}

var assignmentsType = reflect.TypeOf(Assignments(nil))

func schemaOf(t reflect.Type, path string) map[string]any {
	if values, ok := enums[path]; ok {
		return map[string]any{"type": "string", "enum": values}
	}
	if t == assignmentsType {
		// field paths to values, any scalar
		return map[string]any{"type": "object", "additionalProperties": map[string]any{"type": []string{"string", "number", "boolean"}}}
	}
	if reflect.PointerTo(t).Implements(setterType) {
		return map[string]any{"type": []string{"string", "number"}}
	}
	switch t.Kind() {
	case reflect.Struct:
		return object(t, path)
	case reflect.Slice:
		a := map[string]any{"type": "array", "items": schemaOf(t.Elem(), path)}
		if nonEmpty[path] {
			a["minItems"] = 1
		}
		return a
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{"type": []string{"string", "number", "boolean"}} // text: any scalar is read as written
}
