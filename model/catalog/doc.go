// Package catalog is costdial's list of storage tier presets: real prices,
// retrieval delays and restore speeds, each with the public source and date
// it was read from. A store names a preset with `tier:` and may override any
// of its fields.
package catalog
