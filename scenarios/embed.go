// Package scenarios holds costdial's example scenarios. Each teaches one
// lesson; the one named by Default is built into the binary so that
// `costdial run` and `costdial sweep` work with no file at all.
package scenarios

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml
var files embed.FS

// Default is the file name of the bundled teaching scenario.
const Default = "small-saas.yaml"

// Bundled returns the bytes of the bundled teaching scenario.
func Bundled() []byte {
	data, err := files.ReadFile(Default)
	if err != nil {
		panic("scenarios: bundled scenario missing: " + err.Error()) // caught by TestBundled
	}
	return data
}

// All returns every example scenario, by file name.
func All() map[string][]byte {
	out := map[string][]byte{}
	names, _ := fs.Glob(files, "*.yaml")
	for _, n := range names {
		out[n], _ = files.ReadFile(n)
	}
	return out
}
