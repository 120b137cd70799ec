// Package scenario reads, completes and checks costdial scenario files.
//
// A scenario is decoded from YAML by a small strict decoder that records
// where every field was written, then completed with tier presets and
// defaults (Resolve), then checked (Validate). Every problem found is
// returned at once as an ErrorList whose entries read
// "file:line:col: field.path: what is wrong (got X)".
package scenario
