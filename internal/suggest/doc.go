// Package suggest finds, among the names a user could have meant, the
// nearest to one they typed: a misspelt store, tier, field, job, failure,
// domain or flag gets a "did you mean" instead of a bare refusal.
package suggest
